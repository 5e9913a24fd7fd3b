package org.medpay.payment.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.medpay.gateway.api.RegionGateway;

/**
 * The gateways present now, by region. Tracked per registration (key), not per region: with DS's
 * dynamic-greedy policy a region bundle's replacement binds before the old one unbinds, so for a moment
 * two gateways serve one region; unbinding the old must not forget the new.
 */
public final class GatewayDirectory {

    private record Entry(Object key, String region, int ranking, long serviceId, RegionGateway gateway) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Consumer<String>> appearedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Consumer<String>> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param key       identifies the registration (a ServiceReference in OSGi)
     * @param ranking   service ranking: the highest wins
     * @param serviceId ties broken by the newest registration
     */
    public void add(Object key, String region, int ranking, long serviceId, RegionGateway gateway) {
        synchronized (entries) {
            entries.removeIf(e -> e.key.equals(key));
            entries.add(new Entry(key, region, ranking, serviceId, gateway));
        }
        for (Consumer<String> l : appearedListeners) {
            l.accept(region);
        }
        changed(region);
    }

    public void remove(Object key) {
        String region = null;
        synchronized (entries) {
            for (Entry e : entries) {
                if (e.key.equals(key)) {
                    region = e.region;
                }
            }
            entries.removeIf(e -> e.key.equals(key));
        }
        if (region != null) {
            changed(region);
        }
    }

    private void changed(String region) {
        for (Consumer<String> l : changeListeners) {
            try {
                l.accept(region);
            } catch (RuntimeException e) {
                // a listener's failure must not break binding
            }
        }
    }

    /** Told the region code after every add and remove (the status bar follows the active region's gateway). */
    public void onChanged(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    public Optional<RegionGateway> find(String region) {
        synchronized (entries) {
            return entries.stream().filter(e -> e.region.equals(region))
                    .max(Comparator.comparingInt(Entry::ranking).thenComparingLong(Entry::serviceId))
                    .map(Entry::gateway);
        }
    }

    /** Told the region code each time a gateway is added (after the add). */
    public void onAppeared(Consumer<String> listener) {
        appearedListeners.add(listener);
    }
}
