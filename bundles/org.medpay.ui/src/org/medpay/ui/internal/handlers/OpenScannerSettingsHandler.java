package org.medpay.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.medpay.scanner.ScannerService;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.scanner.ScannerSettingsDialog;

/** 扫码枪设置: opens the scanner settings and test area. */
public class OpenScannerSettingsHandler {

    @Execute
    void execute(Shell shell, @Optional @Service ScannerService scanner) {
        if (scanner == null) {
            MessageDialog.openError(shell, Messages.get("scanner.settings.title"), Messages.get("scanner.unavailable"));
            return;
        }
        new ScannerSettingsDialog(shell, scanner).open();
    }
}
