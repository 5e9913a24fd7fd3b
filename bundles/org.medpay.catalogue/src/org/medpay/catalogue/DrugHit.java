package org.medpay.catalogue;

import org.medpay.core.sale.DrugRef;

/**
 * One search result: the drug as a sale line would take it on the query's date, plus what the cashier
 * needs to tell look-alikes apart, and why it matched.
 */
public record DrugHit(DrugRef drug, String tradeName, String manufacturer, MatchField field, MatchRank rank) {
}
