package org.medpay.ui.internal.operator;

import java.util.Optional;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.menu.MToolItem;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.medpay.operator.Operator;
import org.medpay.operator.OperatorService;
import org.medpay.operator.Role;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Shows the administrators' tool items (操作员管理) only while an administrator is signed in; a cashier never
 * sees them. Follows the operator session; the service is tracked off the UI thread (getting it activates the
 * operator component, which must not delay the first paint).
 */
public final class AdminItemsAddon {

    /** Tool items shown to administrators only. */
    public static final String[] ADMIN_ITEMS = { "org.medpay.ui.toolitem.manageOperators" };

    @Inject
    MApplication application;

    @Inject
    EModelService models;

    @Inject
    UISynchronize sync;

    private ServiceTracker<OperatorService, OperatorService> tracker;
    private final Consumer<Optional<Operator>> listener = op -> sync.asyncExec(() -> show(op));

    @PostConstruct
    void start() {
        show(Optional.empty());
        BundleContext bc = FrameworkUtil.getBundle(AdminItemsAddon.class).getBundleContext();
        if (bc == null) {
            return;
        }
        tracker = new ServiceTracker<>(bc, OperatorService.class, null) {
            @Override
            public OperatorService addingService(ServiceReference<OperatorService> ref) {
                OperatorService s = super.addingService(ref);
                if (s != null) {
                    s.addSessionListener(listener);
                    Optional<Operator> now = s.current();
                    sync.asyncExec(() -> show(now));
                }
                return s;
            }

            @Override
            public void removedService(ServiceReference<OperatorService> ref, OperatorService s) {
                s.removeSessionListener(listener);
                super.removedService(ref, s);
                sync.asyncExec(() -> show(Optional.empty()));
            }
        };
        Async.execute(tracker::open);
    }

    @PreDestroy
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private void show(Optional<Operator> op) {
        boolean admin = op.map(o -> o.role() == Role.ADMIN).orElse(false);
        for (String id : ADMIN_ITEMS) {
            for (MToolItem item : models.findElements(application, id, MToolItem.class, null)) {
                item.setVisible(admin);
            }
        }
    }
}
