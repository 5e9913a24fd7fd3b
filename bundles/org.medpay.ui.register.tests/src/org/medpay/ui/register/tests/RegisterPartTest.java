package org.medpay.ui.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.ui.register.tests.UiHarness.find;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.Sale;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.register.BuyerRole;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.IdType;
import org.medpay.register.Person;
import org.medpay.register.RegisterEntry;
import org.medpay.register.RegisterEntryDraft;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.register.RegisterPart;
import org.osgi.framework.FrameworkUtil;

/** The register view on the real service: today's entries with masked IDs, the chain check, the CSV export. */
class RegisterPartTest {

    private Display display;
    private Shell shell;
    private IEclipseContext ctx;

    @BeforeEach
    void setUp() {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1200, 600);
    }

    @AfterEach
    void tearDown() {
        if (ctx != null) {
            ctx.dispose();
        }
        shell.dispose();
    }

    @Test
    void showsTodaysEntriesMaskedVerifiesAndExports() throws Exception {
        ComplianceRegister register = UiHarness.await(ComplianceRegister.class);
        Sale sale = new Sale("S-VIEW-" + UUID.randomUUID());
        sale.add(new DrugRef("P1", "阿莫西林胶囊", "0.25g*24粒", "盒", Money.ofFen(60000), "XJ01", InsuranceClass.A, false), 1,
                LocalDateTime.now());
        RegisterEntry stored = register.record(RegisterEntryDraft.forSale(sale, Money.ofFen(60000), Money.ZERO,
                new OperatorRef("1001", "收银员张敏")).withPeople(
                        new Person("赵六", IdType.RESIDENT_ID, "110101199003071233", "13812345678", "110101199003071233"),
                        BuyerRole.INSURED, "", null, ""));

        ctx = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(RegisterPart.class).getBundleContext())
                .createChild();
        ctx.set(Composite.class, shell);
        RegisterPart part = ContextInjectionFactory.make(RegisterPart.class, ctx);
        shell.layout(true, true);
        shell.open();
        part.setRange(LocalDate.now(), LocalDate.now());
        part.query();
        Table table = find(shell, "register.view.table", Table.class);
        UiHarness.spinUntil(display, () -> part.statusText().startsWith("共 "), "the query");
        String seq = Long.toString(stored.seq());
        var row = java.util.Arrays.stream(table.getItems()).filter(i -> i.getText(0).equals(seq)).findFirst().orElseThrow();
        assertEquals("赵六", row.getText(2));
        assertEquals("11************1233", row.getText(3), "the ID is masked on screen");

        part.verify();
        UiHarness.spinUntil(display, () -> part.statusText().startsWith("哈希链"), "the chain check");
        assertTrue(part.statusText().startsWith("哈希链完整"), part.statusText());

        Path csv = Files.createTempFile("register", ".csv");
        part.exportTo(csv, true);
        UiHarness.spinUntil(display, () -> part.statusText().startsWith("已导出"), "the export");
        byte[] bytes = Files.readAllBytes(csv);
        assertEquals(0xEF, bytes[0] & 0xFF, "UTF-8 BOM for Excel");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("赵六") && text.contains("11************1233") && !text.contains("110101199003071233"));
    }
}
