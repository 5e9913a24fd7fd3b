package org.medpay.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.medpay.ui.internal.mobilepay.MobilePayPart;

/** the 退单 toolbar item (and Alt+T) opens the mobile-pay view straight on its refund tab. */
public class OpenRefundHandler {

    @Execute
    void execute(EPartService parts) {
        MPart part = parts.showPart(OpenMobilePayHandler.PART_ID, PartState.ACTIVATE);
        if (part != null && part.getObject() instanceof MobilePayPart view) {
            view.showRefundTab();
        }
    }
}
