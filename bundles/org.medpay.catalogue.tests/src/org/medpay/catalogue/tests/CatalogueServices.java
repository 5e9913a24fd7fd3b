package org.medpay.catalogue.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.medpay.catalogue.DrugCatalogue;
import org.medpay.catalogue.internal.JpaDrugCatalogue;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for DS to publish the catalogue, then for its first load, as a real consumer would. */
final class CatalogueServices {

    private CatalogueServices() {
    }

    static <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(FrameworkUtil.getBundle(CatalogueServices.class).getBundleContext(),
                type, null);
        tracker.open();
        T service = tracker.waitForService(30_000);
        assertNotNull(service, type.getName() + " was not published within 30 s");
        return service;
    }

    static DrugCatalogue readyCatalogue() throws InterruptedException {
        DrugCatalogue c = await(DrugCatalogue.class);
        assertTrue(((JpaDrugCatalogue) c).awaitReady(120, TimeUnit.SECONDS), "catalogue loaded");
        assertTrue(c.isReady());
        return c;
    }
}
