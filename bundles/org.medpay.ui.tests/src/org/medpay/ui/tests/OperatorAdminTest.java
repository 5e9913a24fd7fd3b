package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.menu.MToolItem;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.operator.OperatorService;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.handlers.ManageOperatorsHandler;
import org.medpay.ui.internal.handlers.OpenMobilePayHandler;

/**
 * Issue 7, operator administration in the real workbench window: a cashier signed in neither sees 操作员管理
 * nor may run its command; the administrator signs in, opens it from the tool bar, adds a cashier with an
 * initial PIN, and that cashier then signs in at the till with it.
 */
class OperatorAdminTest {

    private static final String ITEM = "org.medpay.ui.toolitem.manageOperators";

    @BeforeEach
    void chinese() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        RegisterInSettlementFlowTest.service(OperatorService.class).signOut();
    }

    @AfterEach
    void reset() throws Exception {
        RegisterInSettlementFlowTest.service(OperatorService.class).signOut();
        System.clearProperty("osgi.nl");
        Messages.reset();
    }

    private static Composite mobilePay(WorkbenchScript ui) {
        ui.awaitMainWindow();
        MPart p = ui.part(OpenMobilePayHandler.PART_ID);
        Composite root = ui.ui(() -> (Composite) p.getWidget());
        ui.uiRun(() -> ((org.medpay.ui.internal.mobilepay.MobilePayPart) p.getObject()).frame().connectNow());
        return root;
    }

    /** Through the sign-in panel, as at the till: code, Enter, PIN, Enter. */
    private static void signIn(WorkbenchScript ui, Composite root, String code, String pin, String name) {
        ui.await("the sign-in panel is shown", () -> WorkbenchScript.find(root, "signin.panel", Composite.class).isVisible());
        Text codeField = WorkbenchScript.find(root, "signin.code", Text.class);
        ui.focus(codeField);
        ui.uiRun(codeField::selectAll); // the panel keeps the last code: typing replaces it
        ui.type(codeField, code + "\r", 20);
        ui.type(WorkbenchScript.find(root, "signin.pin", Text.class), pin + "\r", 20);
        Label who = WorkbenchScript.find(root, "operator.name", Label.class);
        ui.await(name + " is signed in", () -> who.getText().equals(Messages.format("operator.current", name, code))
                && WorkbenchScript.find(root, "mobilepay.tabs", Control.class).isEnabled(),
                () -> who.getText() + " / " + WorkbenchScript.find(root, "signin.message", Label.class).getText());
    }

    private static void signOut(WorkbenchScript ui, Composite root) {
        ui.uiRun(() -> WorkbenchScript.find(root, "operator.signOut", Button.class).notifyListeners(SWT.Selection, new Event()));
        ui.await("the till is signed out", () -> WorkbenchScript.find(root, "signin.panel", Composite.class).isVisible());
    }

    private static MToolItem item(WorkbenchScript ui) {
        return ui.ui(() -> ui.model.getContext().get(EModelService.class)
                .findElements(ui.model, ITEM, MToolItem.class, null).get(0));
    }

    private static boolean commandRuns(WorkbenchScript ui) {
        return ui.ui(() -> {
            IEclipseContext window = ui.model.getChildren().get(0).getContext();
            ParameterizedCommand cmd = window.get(ECommandService.class).createCommand(ManageOperatorsHandler.COMMAND_ID, null);
            return window.get(EHandlerService.class).canExecute(cmd);
        });
    }

    private static boolean itemOnScreen(MToolItem item) {
        return item.isVisible() && item.getWidget() instanceof ToolItem t && !t.isDisposed();
    }

    @Test
    void theAdministratorAddsACashierWhoThenSignsInAndACashierNeverGetsTheCommand() throws Exception {
        String code = "C" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String name = "新收银员" + code.substring(4);
        WorkbenchScript.run(ui -> {
            Composite root = mobilePay(ui);
            MToolItem item = item(ui);

            signIn(ui, root, "1001", "123456", "收银员张敏");
            assertFalse(ui.ui(() -> itemOnScreen(item)), "a cashier does not see 操作员管理");
            assertFalse(commandRuns(ui), "nor may a cashier run the command");
            signOut(ui, root);

            signIn(ui, root, "9999", "999999", "管理员");
            ui.await("the administrator sees 操作员管理", () -> itemOnScreen(item));
            assertTrue(commandRuns(ui));
            ui.uiRun(() -> ui.display.asyncExec(() -> ((ToolItem) item.getWidget()).notifyListeners(SWT.Selection, new Event())));

            Shell dialog = ui.awaitShell("operators.dialog");
            assertEquals(Messages.get("operators.title"), ui.ui(dialog::getText));
            Table table = WorkbenchScript.find(dialog, "operators.table", Table.class);
            ui.await("the operators are listed", () -> rows(table).contains("9999|管理员|管理员|在用"), () -> rows(table));
            ui.uiRun(() -> {
                WorkbenchScript.find(dialog, "operators.add.name", Text.class).setText(name);
                Combo role = WorkbenchScript.find(dialog, "operators.add.role", Combo.class);
                assertEquals("收银员", role.getText(), "a new operator is a cashier unless chosen otherwise");
            });
            ui.type(WorkbenchScript.find(dialog, "operators.add.code", Text.class), code, 20);
            ui.type(WorkbenchScript.find(dialog, "operators.add.pin", Text.class), "12345\r", 20);
            Label message = WorkbenchScript.find(dialog, "operators.message", Label.class);
            ui.await("a five-digit PIN is refused", () -> message.getText().equals(
                    Messages.format("operators.refused", Messages.get("operators.reason.pin"))), message::getText);
            assertFalse(ui.ui(() -> rows(table)).contains(code));

            assertEquals(code, ui.ui(() -> WorkbenchScript.find(dialog, "operators.add.code", Text.class).getText()),
                    "a refusal keeps what was typed");
            ui.type(WorkbenchScript.find(dialog, "operators.add.pin", Text.class), "246813\r", 20);
            ui.await("the cashier is added and listed", () -> rows(table).contains(code + "|" + name + "|收银员|在用"),
                    () -> message.getText() + " " + rows(table));
            assertEquals(Messages.format("operators.added", name, code), ui.ui(message::getText));
            assertEquals("", ui.ui(() -> WorkbenchScript.find(dialog, "operators.add.pin", Text.class).getText()),
                    "the PIN does not stay on screen");

            ui.type(WorkbenchScript.find(dialog, "operators.add.code", Text.class), "\u001b", 20); // Escape closes
            ui.await("the dialog is closed", () -> ui.shell("operators.dialog") == null);
            signOut(ui, root);
            ui.await("the tool item is hidden again", () -> !item.isVisible());

            signIn(ui, root, code, "246813", name);
            assertFalse(ui.ui(() -> itemOnScreen(item)), "the new cashier does not see 操作员管理 either");
            assertFalse(commandRuns(ui));
        });
    }

    @Test
    void theAdministratorUnlocksResetsAPinAndDeactivatesFromTheDialog() throws Exception {
        OperatorService operators = RegisterInSettlementFlowTest.service(OperatorService.class);
        String code = "L" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String name = "锁定收银员" + code.substring(4);
        operators.signIn("9999", "999999".toCharArray());
        operators.create(code, name, org.medpay.operator.Role.CASHIER, "112233".toCharArray());
        operators.signOut();
        for (int i = 0; i < OperatorService.MAX_FAILURES; i++) {
            try {
                operators.signIn(code, "000000".toCharArray());
            } catch (org.medpay.operator.SignInException expected) {
                // five wrong PINs: locked out
            }
        }
        WorkbenchScript.run(ui -> {
            Composite root = mobilePay(ui);
            MToolItem item = item(ui);
            signIn(ui, root, "9999", "999999", "管理员");
            ui.await("the administrator sees 操作员管理", () -> itemOnScreen(item));
            ui.uiRun(() -> ui.display.asyncExec(() -> ((ToolItem) item.getWidget()).notifyListeners(SWT.Selection, new Event())));
            Shell dialog = ui.awaitShell("operators.dialog");
            Table table = WorkbenchScript.find(dialog, "operators.table", Table.class);
            Label message = WorkbenchScript.find(dialog, "operators.message", Label.class);
            ui.await("the locked-out cashier is listed as locked", () -> rows(table).contains(code + "|" + name + "|收银员|已锁定至 "),
                    () -> rows(table));
            ui.uiRun(() -> {
                for (int i = 0; i < table.getItemCount(); i++) {
                    if (table.getItem(i).getText(0).equals(code)) {
                        table.setSelection(i);
                        table.notifyListeners(SWT.Selection, new Event());
                    }
                }
            });
            press(ui, dialog, "operators.unlock");
            ui.await("unlocked", () -> rows(table).contains(code + "|" + name + "|收银员|在用"), message::getText);
            ui.type(WorkbenchScript.find(dialog, "operators.newPin", Text.class), "445566", 20);
            press(ui, dialog, "operators.resetPin");
            ui.await("the PIN is reset", () -> message.getText().equals(Messages.format("operators.pinReset", name, code)),
                    message::getText);
            press(ui, dialog, "operators.deactivate");
            ui.await("deactivated", () -> rows(table).contains(code + "|" + name + "|收银员|已停用"), message::getText);
            // The administrator's own code cannot be deactivated (someone must be able to manage the till).
            ui.uiRun(() -> {
                for (int i = 0; i < table.getItemCount(); i++) {
                    if (table.getItem(i).getText(0).equals("9999")) {
                        table.setSelection(i);
                    }
                }
            });
            press(ui, dialog, "operators.deactivate");
            ui.await("refused for oneself", () -> message.getText().equals(
                    Messages.format("operators.refused", Messages.get("operators.reason.self"))), message::getText);
            ui.uiRun(() -> WorkbenchScript.find(dialog, "operators.close", Button.class)
                    .notifyListeners(SWT.Selection, new Event()));
            ui.await("the dialog is closed", () -> ui.shell("operators.dialog") == null);
            signOut(ui, root);

            Text codeField = WorkbenchScript.find(root, "signin.code", Text.class);
            ui.focus(codeField);
            ui.uiRun(codeField::selectAll);
            ui.type(codeField, code + "\r", 20);
            ui.type(WorkbenchScript.find(root, "signin.pin", Text.class), "445566\r", 20);
            Label said = WorkbenchScript.find(root, "signin.message", Label.class);
            ui.await("a deactivated cashier is refused", () -> said.getText().equals(Messages.get("signin.disabled")),
                    said::getText);
        });
        operators.signIn("9999", "999999".toCharArray());
        operators.reactivate(code);
        operators.signOut();
        assertEquals(code, operators.signIn(code, "445566".toCharArray()).code(), "the PIN set in the dialog");
    }

    private static void press(WorkbenchScript ui, Shell dialog, String id) {
        ui.uiRun(() -> WorkbenchScript.find(dialog, id, Button.class).notifyListeners(SWT.Selection, new Event()));
    }

    @Test
    void theScreenIsChineseByDefaultAndEnglishWithTheEnLocale() throws Exception {
        java.util.Properties zh = new java.util.Properties();
        java.util.Properties en = new java.util.Properties();
        try (var a = Messages.class.getResourceAsStream("messages.properties");
                var b = Messages.class.getResourceAsStream("messages_en.properties")) {
            zh.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            en.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String key : zh.stringPropertyNames()) {
            if (key.startsWith("operators.")) {
                assertTrue(en.containsKey(key), "English text for " + key);
            }
        }
        assertEquals("操作员管理", Messages.get("operators.title"));
        System.setProperty("osgi.nl", "en");
        Messages.reset();
        assertEquals("Operators", Messages.get("operators.title"));
        assertEquals("Only an administrator may manage operators", Messages.get("operators.adminOnly"));
    }

    private static String rows(Table table) {
        StringBuilder b = new StringBuilder();
        for (TableItem item : table.getItems()) {
            for (int i = 0; i < table.getColumnCount(); i++) {
                b.append(i == 0 ? "" : "|").append(item.getText(i));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
