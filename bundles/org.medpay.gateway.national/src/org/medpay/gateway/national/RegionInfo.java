package org.medpay.gateway.national;

import java.util.Objects;

import org.medpay.gateway.api.RegionPolicy;

/** What a region bundle says about itself (the non-protocol half of {@code RegionGateway}). */
public record RegionInfo(String regionCode, String displayName, boolean training, RegionPolicy policy) {

    public RegionInfo {
        Objects.requireNonNull(regionCode, "regionCode");
        Objects.requireNonNull(displayName, "displayName");
        policy = policy == null ? RegionPolicy.PROCEDURE_DEFAULT : policy;
    }
}
