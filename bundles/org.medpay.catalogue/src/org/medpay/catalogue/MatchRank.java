package org.medpay.catalogue;

/** How well a query matched: exact before prefix before contains. */
public enum MatchRank {
    EXACT, PREFIX, CONTAINS
}
