package org.medpay.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** P-7: the 手机支付 button and Alt+S bring up the mobile-pay view, re-opening it if it was closed. */
public class OpenMobilePayHandler {

    public static final String PART_ID = "org.medpay.ui.part.mobilepay";

    @Execute
    void execute(EPartService parts) {
        parts.showPart(PART_ID, PartState.ACTIVATE);
    }
}
