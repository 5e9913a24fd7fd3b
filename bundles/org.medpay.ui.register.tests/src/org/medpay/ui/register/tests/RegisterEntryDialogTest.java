package org.medpay.ui.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.ui.register.tests.UiHarness.click;
import static org.medpay.ui.register.tests.UiHarness.find;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.Sale;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.register.BuyerRole;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.RegisterEntry;
import org.medpay.register.RegisterEntryDraft;
import org.medpay.register.RegisterEntryRequiredException;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.register.RegisterEntryDialog;

/**
 * The P-1 form as the settlement flow uses it: over the threshold, the flow opens it, the cashier fills it,
 * a bad ID number gets its own message, OK stores the entry and only then may the payment settle.
 */
class RegisterEntryDialogTest {

    private static final OperatorRef CASHIER = new OperatorRef("1001", "收银员张敏");
    private Display display;
    private Shell shell;
    private ComplianceRegister register;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        register = UiHarness.await(ComplianceRegister.class);
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(900, 700);
        shell.open();
    }

    @AfterEach
    void tearDown() {
        for (Shell s : display.getShells()) {
            s.dispose();
        }
    }

    private static Sale sale() {
        Sale s = new Sale("S-UI-" + UUID.randomUUID());
        s.add(new DrugRef("P2", "门冬胰岛素注射液", "3ml:300单位", "支", Money.ofFen(55000), "XA10AB", InsuranceClass.B, false), 1,
                LocalDateTime.of(2026, 11, 26, 9, 26));
        return s;
    }

    private static void type(Control root, String id, String text) {
        find(root, id, Text.class).setText(text);
    }

    private static Button okButton(Shell dialog) {
        return findButton(dialog, IDialogConstants.OK_ID);
    }

    private static Button findButton(Control c, int id) {
        if (c instanceof Button b && Integer.valueOf(id).equals(b.getData())) {
            return b;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (Control child : comp.getChildren()) {
                Button b = findButton(child, id);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    @Test
    void fillingTheFormWithABadIdShowsItsMessageAndOkReturnsTheStoredEntry() {
        Sale sale = sale();
        RegisterEntryDialog d = new RegisterEntryDialog(shell, register,
                RegisterEntryDraft.forSale(sale, Money.ofFen(55000), Money.ZERO, CASHIER));
        d.setBlockOnOpen(false);
        d.open();
        Shell form = d.getShell();
        assertTrue(find(form, "register.summary", Label.class).getText().contains("¥550.00"), "amounts filled in");
        Group proxy = find(form, "register.proxyGroup", Group.class);
        assertFalse(find(form, "register.insured.name", Text.class).getEnabled(), "proxy section off for the insured buyer");

        type(form, "register.buyer.name", "王建国");
        type(form, "register.buyer.idNumber", "110101199003071234");
        type(form, "register.buyer.phone", "13812345678");
        type(form, "register.buyer.ssNo", "110101199003071233");
        click(okButton(form));
        UiHarness.spin(display);
        assertFalse(form.isDisposed(), "a bad ID keeps the form open");
        assertEquals("身份证号校验位不正确,请核对", find(form, "register.error.buyer.idNumber", Label.class).getText());
        assertEquals("", find(form, "register.error.buyer.phone", Label.class).getText(), "good fields carry no message");
        assertEquals("王建国", find(form, "register.buyer.name", Text.class).getText(), "nothing typed is lost");
        assertTrue(register.completeEntryForSale(sale.id()).isEmpty());

        // The proxy section switches on with the proxy role and is validated then.
        click(find(form, "register.role.proxy", Button.class));
        find(form, "register.role.proxy", Button.class).setSelection(true);
        find(form, "register.role.insured", Button.class).setSelection(false);
        click(find(form, "register.role.proxy", Button.class));
        assertTrue(proxy.getEnabled() && find(form, "register.insured.name", Text.class).getEnabled());
        type(form, "register.buyer.idNumber", "11010519491231002X");
        type(form, "register.buyer.ssNo", "");
        click(okButton(form));
        UiHarness.spin(display);
        assertEquals("代购时请填写与参保人的关系", find(form, "register.error.relationship", Label.class).getText());
        assertEquals("必填", find(form, "register.error.insured.name", Label.class).getText());

        type(form, "register.relationship", "女儿");
        type(form, "register.insured.name", "王建国");
        find(form, "register.insured.idType", Combo.class).select(0);
        type(form, "register.insured.idNumber", "110101199003071233");
        type(form, "register.insured.ssNo", "110101199003071233");
        click(okButton(form));
        UiHarness.spinUntil(display, () -> d.result() != null, "the entry to be stored");
        assertEquals(IDialogConstants.OK_ID, d.getReturnCode());
        RegisterEntry e = d.result();
        assertEquals(BuyerRole.PROXY, e.role());
        assertEquals("11************002X", e.buyer().maskedIdNumber());
        assertEquals("王建国", e.insured().name());
        assertEquals(CASHIER, e.operator());
        assertEquals(Money.ofFen(55000), e.insuranceAmount());
        assertEquals(sale.id(), register.completeEntryForSale(sale.id()).orElseThrow().saleId());
    }

    /** The settlement flow's call: blocked above the threshold, opens the form, settles after OK. */
    @Test
    void theSettlementFlowOpensTheFormAndSettlesOnlyAfterIt() throws Exception {
        Sale sale = sale();
        Money insurance = Money.ofFen(55000);
        RegionPolicy policy = RegionPolicy.PROCEDURE_DEFAULT;
        assertTrue(register.entryRequired(policy, insurance, sale.total()));
        assertThrows(RegisterEntryRequiredException.class,
                () -> register.ensureSettlementAllowed(policy, sale.id(), insurance, sale.total()));

        AtomicReference<String> filled = new AtomicReference<>();
        display.timerExec(300, () -> {
            Shell form = null;
            for (Shell s : display.getShells()) {
                if ("register.form".equals(s.getData(org.medpay.ui.internal.WidgetIds.KEY))) {
                    form = s;
                }
            }
            assertNotNull(form, "the form is open");
            type(form, "register.buyer.name", "王建国");
            type(form, "register.buyer.idNumber", "110101199003071233");
            type(form, "register.buyer.phone", "13812345678");
            type(form, "register.buyer.ssNo", "110101199003071233");
            filled.set("yes");
            click(okButton(form));
        });
        Optional<RegisterEntry> entry = RegisterEntryDialog.open(shell, register, sale, insurance, Money.ZERO, CASHIER);
        assertEquals("yes", filled.get());
        assertTrue(entry.isPresent());
        register.ensureSettlementAllowed(policy, sale.id(), insurance, sale.total());
    }

    @Test
    void cancellingTheFormLeavesThePaymentBlocked() throws Exception {
        Sale sale = sale();
        display.timerExec(300, () -> {
            for (Shell s : display.getShells()) {
                if ("register.form".equals(s.getData(org.medpay.ui.internal.WidgetIds.KEY))) {
                    click(findButton(s, IDialogConstants.CANCEL_ID));
                }
            }
        });
        assertTrue(RegisterEntryDialog.open(shell, register, sale, Money.ofFen(55000), Money.ZERO, CASHIER).isEmpty());
        assertThrows(RegisterEntryRequiredException.class, () -> register.ensureSettlementAllowed(RegionPolicy.PROCEDURE_DEFAULT,
                sale.id(), Money.ofFen(55000), sale.total()));
    }
}
