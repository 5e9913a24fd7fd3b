package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.medpay.ui.internal.handlers.OpenMobilePayHandler;

/**
 * Boots the real e4 workbench from our Application.e4xmi, closes the mobile-pay view, presses Alt+S as a
 * real key event through the X server and checks the view comes back (P-7).
 */
@SuppressWarnings("restriction")
class WorkbenchKeyBindingTest {

    private final List<String> log = new ArrayList<>();
    private volatile boolean hiddenBeforeKey;
    private volatile boolean visibleAfterKey;
    private volatile boolean activeAfterKey;
    private volatile String windowTitle;

    @Test
    void altSBringsUpTheMobilePayView() {
        System.setProperty("osgi.nl", "zh_CN");
        Display display = Display.getDefault();
        E4Application app = new E4Application();
        E4Workbench workbench = app.createE4Workbench(new WorkbenchScript.TestAppContext(), display);
        assertNotNull(workbench, "workbench created from Application.e4xmi");
        MApplication model = workbench.getApplication();
        IEclipseContext ctx = model.getContext();

        display.timerExec(500, new Runnable() {
            int step;
            long deadline = System.currentTimeMillis() + 30_000;

            @Override
            public void run() {
                try {
                    if (System.currentTimeMillis() > deadline) {
                        log.add("timed out at step " + step);
                        workbench.close();
                        return;
                    }
                    EPartService parts = model.getChildren().get(0).getContext().get(EPartService.class);
                    EModelService models = ctx.get(EModelService.class);
                    MPart part = (MPart) models.find(OpenMobilePayHandler.PART_ID, model);
                    Shell shell = (Shell) model.getChildren().get(0).getWidget();
                    switch (step) {
                    case 0 -> {
                        if (shell == null || !shell.isVisible()) {
                            break;
                        }
                        windowTitle = shell.getText();
                        parts.hidePart(part);
                        step++;
                    }
                    case 1 -> {
                        hiddenBeforeKey = !part.isToBeRendered() && !parts.isPartVisible(part);
                        if (!hiddenBeforeKey) {
                            log.add("after hidePart: toBeRendered=" + part.isToBeRendered() + " visible="
                                    + parts.isPartVisible(part) + " parent=" + part.getParent() + " tags=" + part.getTags());
                        }
                        // Xvfb has no window manager: X gives keyboard focus to the window under the pointer.
                        org.eclipse.swt.graphics.Rectangle b = shell.getBounds();
                        Event move = new Event();
                        move.type = SWT.MouseMove;
                        move.x = b.x + b.width / 2;
                        move.y = b.y + b.height / 2;
                        XKeys.post(display, move);
                        shell.forceActive();
                        shell.setFocus();
                        step++;
                    }
                    case 2 -> {
                        post(display, SWT.KeyDown, SWT.ALT, (char) 0);
                        post(display, SWT.KeyDown, 0, 's');
                        post(display, SWT.KeyUp, 0, 's');
                        post(display, SWT.KeyUp, SWT.ALT, (char) 0);
                        step++;
                    }
                    default -> {
                        if (part.isToBeRendered() && parts.isPartVisible(part)) {
                            visibleAfterKey = true;
                            activeAfterKey = parts.getActivePart() == part;
                            workbench.close();
                            return;
                        }
                        if (++step > 60) {
                            log.add("part not visible after Alt+S");
                            workbench.close();
                            return;
                        }
                    }
                    }
                    display.timerExec(200, this);
                } catch (RuntimeException e) {
                    log.add(e.toString());
                    workbench.close();
                }
            }
        });
        workbench.createAndRunUI(model);
        app.saveModel();

        assertEquals(List.of(), log);
        assertEquals("MedPay 医保移动支付收银台", windowTitle);
        assertTrue(hiddenBeforeKey, "the view was closed before the key was pressed");
        assertTrue(visibleAfterKey, "Alt+S showed the view");
        assertTrue(activeAfterKey, "and activated it");
    }

    private static void post(Display display, int type, int keyCode, char character) {
        Event e = new Event();
        e.type = type;
        e.keyCode = keyCode;
        e.character = character;
        assertTrue(XKeys.post(display, e), "the X server accepted the synthetic key event");
    }
}
