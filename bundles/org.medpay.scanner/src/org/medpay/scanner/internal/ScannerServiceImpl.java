package org.medpay.scanner.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScanListener;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerService;
import org.medpay.scanner.ScannerStatus;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fazecast.jSerialComm.SerialPort;

/** The scanner service: runs the serial reader for the configured port and fans events out to listeners. */
@Component(service = ScannerService.class, configurationPid = ScannerConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class ScannerServiceImpl implements ScannerService {

    private static final Logger LOG = LoggerFactory.getLogger(ScannerServiceImpl.class);

    static {
        // jSerialComm extracts its native library to a temp folder; an app id keeps ours apart from another
        // program's copy of a different jSerialComm version (a classic "works until the other app starts").
        if (System.getProperty("fazecast.jSerialComm.appid") == null) {
            System.setProperty("fazecast.jSerialComm.appid", "medpay");
        }
    }

    private final Clock clock;
    private final ConfigurationAdmin configAdmin;
    private final List<ScanListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ScannerConfig config;
    private volatile ScannerStatus status;
    private SerialReader reader;

    @Activate
    public ScannerServiceImpl(@Reference ConfigurationAdmin configAdmin, Map<String, Object> properties) {
        this(Clock.systemUTC(), configAdmin, properties);
    }

    public ScannerServiceImpl(Clock clock, ConfigurationAdmin configAdmin, Map<String, Object> properties) {
        this.clock = clock;
        this.configAdmin = configAdmin;
        apply(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    @Deactivate
    public synchronized void deactivate() {
        if (reader != null) {
            reader.stop();
            reader = null;
        }
    }

    private synchronized void apply(Map<String, Object> properties) {
        deactivate();
        config = ScannerConfig.fromProperties(properties);
        if (config.serialActive()) {
            reader = new SerialReader(config, clock, this::publish, this::diagnose, this::setStatus);
            reader.start();
        } else {
            setStatus(new ScannerStatus(ScannerStatus.State.DISABLED, config.port(), clock.instant(), ""));
        }
    }

    @Override
    public void addListener(ScanListener listener) {
        listeners.add(listener);
        ScannerStatus s = status;
        if (s != null) {
            safely(listener, l -> l.statusChanged(s));
        }
    }

    @Override
    public void removeListener(ScanListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ScannerStatus status() {
        return status;
    }

    @Override
    public ScannerConfig config() {
        return config;
    }

    @Override
    public void configure(ScannerConfig newConfig) throws IOException {
        Configuration c = configAdmin.getConfiguration(ScannerConfig.PID, null);
        c.update(newConfig.toProperties());
    }

    @Override
    public List<String> availablePorts() {
        List<String> out = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            out.add(p.getSystemPortPath());
        }
        return out;
    }

    @Override
    public void publish(ScanEvent event) {
        for (ScanListener l : listeners) {
            safely(l, x -> x.scanned(event));
        }
    }

    private void diagnose(ScanDiagnosis d) {
        for (ScanListener l : listeners) {
            safely(l, x -> x.diagnosed(d));
        }
    }

    private void setStatus(ScannerStatus s) {
        status = s;
        for (ScanListener l : listeners) {
            safely(l, x -> x.statusChanged(s));
        }
    }

    private static void safely(ScanListener l, Consumer<ScanListener> call) {
        try {
            call.accept(l);
        } catch (RuntimeException e) {
            // One broken listener must not take scans away from the others.
            LOG.warn("Scan listener {} failed", l, e);
        }
    }
}
