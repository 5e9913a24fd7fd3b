package org.medpay.gateway.national;

import java.util.Map;

import org.medpay.core.money.Money;
import org.medpay.gateway.api.RegionPolicy;

/** Reads Config Admin properties the way every region bundle names them. */
public final class RegionConfig {

    private final Map<String, ?> props;

    public RegionConfig(Map<String, ?> props) {
        this.props = props == null ? Map.of() : props;
    }

    public String text(String key, String fallback) {
        Object v = props.get(key);
        if (v == null) {
            return fallback;
        }
        String s = v instanceof String[] a ? String.join(",", a) : String.valueOf(v).strip();
        return s.isEmpty() ? fallback : s;
    }

    /** A value the region cannot work without: its absence is a configuration error. */
    public String required(String key) {
        String v = text(key, null);
        if (v == null) {
            throw new IllegalArgumentException("missing configuration property " + key);
        }
        return v;
    }

    public long number(String key, long fallback) {
        String v = text(key, null);
        return v == null ? fallback : Long.parseLong(v);
    }

    public boolean flag(String key, boolean fallback) {
        String v = text(key, null);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    /**
     * The region's policy: {@code policy.split} (ALL_OR_CHANNEL | ACCOUNT_THEN_CHANNEL),
     * {@code policy.registerThresholdFen}, {@code policy.registerBasis} (INSURANCE_AMOUNT | TOTAL),
     * {@code policy.refundWindowDays}; anything absent keeps the procedure's default.
     */
    public RegionPolicy policy() {
        RegionPolicy d = RegionPolicy.PROCEDURE_DEFAULT;
        return new RegionPolicy(
                RegionPolicy.SplitPolicy.valueOf(text("policy.split", d.split().name())),
                Money.ofFen(number("policy.registerThresholdFen", d.registerThreshold().fen())),
                RegionPolicy.RegisterBasis.valueOf(text("policy.registerBasis", d.registerBasis().name())),
                (int) number("policy.refundWindowDays", d.refundWindowDays()));
    }
}
