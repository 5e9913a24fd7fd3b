package org.medpay.ui.internal.handlers;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.medpay.catalogue.DrugCatalogue;

/** Toolbar command: 导入对码更新 (mapping-update CSV). */
public class ImportMappingsHandler {

    @Inject
    @Optional
    @Service
    volatile DrugCatalogue catalogue;

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        CatalogueImportDialog.run(shell, catalogue, true);
    }
}
