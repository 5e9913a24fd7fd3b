package org.medpay.ui.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.ui.register.tests.UiHarness.click;
import static org.medpay.ui.register.tests.UiHarness.find;

import java.time.LocalDateTime;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.operator.OperatorService;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.guidance.GuidanceTexts.Line;
import org.medpay.ui.internal.mobilepay.MobilePayPart;
import org.osgi.framework.FrameworkUtil;

/**
 * The real mobile-pay part with the real operator service on Derby: the view paints at once, selling stays
 * disabled until a cashier signs in in the panel, and the guidance strip follows the session and the sale.
 */
class SignInPanelTest {

    private Display display;
    private Shell shell;
    private IEclipseContext ctx;
    private OperatorService operators;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        operators = UiHarness.await(OperatorService.class);
        operators.signOut();
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1200, 760);
    }

    @AfterEach
    void tearDown() {
        operators.signOut();
        if (ctx != null) {
            ctx.dispose();
        }
        shell.dispose();
    }

    private MobilePayPart createPart() {
        ctx = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(MobilePayPart.class).getBundleContext())
                .createChild();
        ctx.set(Composite.class, shell);
        MobilePayPart part = ContextInjectionFactory.make(MobilePayPart.class, ctx);
        shell.layout(true, true);
        shell.open();
        UiHarness.spin(display);
        return part;
    }

    private void signIn(String code, String pin) {
        find(shell, "signin.code", Text.class).setText(code);
        find(shell, "signin.pin", Text.class).setText(pin);
        click(find(shell, "signin.submit", Button.class));
    }

    @Test
    void sellingWaitsForASignInAndTheOperatorShowsOnceSignedIn() {
        MobilePayPart part = createPart();
        CTabFolder tabs = find(shell, "mobilepay.tabs", CTabFolder.class);
        Composite panel = find(shell, "signin.panel", Composite.class);
        assertTrue(panel.isVisible(), "the sign-in panel is in the view, not a start-up dialog");
        assertFalse(tabs.getEnabled(), "no selling before a sign-in");
        assertFalse(find(shell, "guidance.strip", Composite.class).isVisible());
        assertTrue(tabs.isVisible(), "the view paints behind the panel");

        signIn("1001", "000000");
        Label message = find(shell, "signin.message", Label.class);
        UiHarness.spinUntil(display, () -> message.getText().startsWith("工号或密码错误"), "the wrong-PIN message");
        assertEquals("", find(shell, "signin.pin", Text.class).getText(), "the PIN is cleared");
        assertEquals("1001", find(shell, "signin.code", Text.class).getText(), "the code is kept");
        assertFalse(tabs.getEnabled());

        signIn("1001", "123456");
        UiHarness.spinUntil(display, tabs::getEnabled, "the sale to unlock");
        assertFalse(panel.isVisible());
        assertEquals("操作员: 收银员张敏 (1001)", find(shell, "operator.name", Label.class).getText());
        assertEquals("1001", operators.requireCurrentRef().code());
        assertEquals(Line.ASK_PAYMENT, part.frame().guidance().current(), "P-2 after sign-in");
        assertEquals("请问您是用手机支付还是其他方式?", find(shell, "guidance.text", Label.class).getText());

        part.frame().guidance().onBuyerUnbound();
        UiHarness.spin(display);
        assertTrue(find(shell, "guidance.text", Label.class).getText().contains("绑定电子社保卡后以后就可以手机刷社保卡"));
        part.frame().guidance().onCardOrCashCheckout();
        UiHarness.spin(display);
        assertTrue(find(shell, "guidance.text", Label.class).getText().startsWith("您可以考虑用手机支付宝/微信绑定电子社保卡"));

        click(find(shell, "operator.signOut", Button.class));
        UiHarness.spin(display);
        assertTrue(panel.isVisible());
        assertFalse(tabs.getEnabled());
        assertTrue(operators.current().isEmpty());
        assertFalse(find(shell, "guidance.strip", Composite.class).isVisible(), "no guidance while nobody sells");
    }

    @Test
    void aNewSaleAfterACheckoutBringsBackTheQuestionOfP2() throws Exception {
        MobilePayPart part = createPart();
        operators.signIn("1001", "123456".toCharArray());
        UiHarness.spinUntil(display, () -> find(shell, "mobilepay.tabs", CTabFolder.class).getEnabled(), "sign-in seen");
        part.frame().guidance().onCardOrCashCheckout();
        var saleMethod = MobilePayPart.class.getDeclaredMethod("sale");
        saleMethod.setAccessible(true);
        var sale = (org.medpay.core.sale.Sale) saleMethod.invoke(part);
        sale.add(new DrugRef("P1", "阿莫西林胶囊", "0.25g*24粒", "盒", Money.ofFen(1250), "XJ01", InsuranceClass.A, false), 1,
                LocalDateTime.of(2026, 11, 26, 9, 26));
        UiHarness.spin(display);
        assertEquals(Line.ASK_PAYMENT, part.frame().guidance().current());
    }
}
