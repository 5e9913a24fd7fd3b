package org.medpay.gateway.api;

import java.time.LocalDate;

import org.medpay.core.scan.ScannedCode;

/**
 * What every regional insurance gateway does, whatever protocol its platform speaks. One OSGi service per
 * region, registered with the {@link #REGION_PROPERTY} service property so the payment service can pick
 * the store's region and follow it as region bundles are installed, updated and removed at run time.
 *
 * <p>Every call either returns a definite answer or throws {@link GatewayException}: a
 * {@link GatewayException.DefiniteFailure} means the platform said no and nothing happened; an
 * {@link GatewayException.UnknownOutcome} means nobody knows (timeout, lost connection, 5xx, system
 * error, unreadable answer) and the caller must find out (query / reverse) before anything else.
 */
public interface RegionGateway {

    /** Service property carrying the region code, e.g. {@code 510100}. */
    String REGION_PROPERTY = "medpay.region";

    String regionCode();

    /** For the status bar, e.g. 成都市. */
    String displayName();

    /** True for the simulator: the UI shows training mode and nothing is real money. */
    boolean isTraining();

    RegionPolicy policy();

    /**
     * Who is paying (P-11): from a payment code or an insurance e-voucher. The code must already be
     * classified as one that {@link org.medpay.core.scan.ScannedCodeKind#identifiesBuyer() identifies a
     * buyer}; garbage never reaches a gateway.
     */
    BuyerIdentity identify(ScannedCode code, OperatorRef operator) throws GatewayException;

    // ---- insurance leg (national codes 2101 / 2102 / 2103 / 2601) ----

    /**
     * A new, unique message id for the next insurance call. The caller journals it before the call so a
     * lost answer can be reversed ({@link #reverse}) with the id it really used.
     */
    String nextMessageId();

    /** 2101: what the platform would pay, nothing booked. */
    InsuranceSettlement preSettle(InsuranceRequest request) throws GatewayException;

    /** 2102: books the settlement against the personal account. */
    InsuranceSettlement settle(InsuranceRequest request) throws GatewayException;

    /** 2103: cancels a booked settlement (refund R-3, or undoing a half-done payment). */
    void cancelSettlement(InsuranceCancel request) throws GatewayException;

    /**
     * 2601: reverses a call whose answer was lost. Succeeds also when the original call never took
     * effect; afterwards the original is definitely void.
     */
    void reverse(String originalMessageId, String originalTransactionCode, OperatorRef operator)
            throws GatewayException;

    // ---- channel leg (Alipay / WeChat payment codes) ----

    /** Pays with the buyer's payment code; {@link ChannelStatus#PAYING} when the buyer must still confirm. */
    ChannelResult pay(ChannelPayRequest request) throws GatewayException;

    /** The platform's current view of one trade, by our {@code out_trade_no}. */
    ChannelResult query(ChannelTradeRef trade) throws GatewayException;

    /**
     * Closes an unpaid trade or reverses a paid one (Alipay {@code trade.cancel}, WeChat {@code reverse}).
     * {@link CancelResult#retry()} asks the caller to call again.
     */
    CancelResult cancel(ChannelTradeRef trade) throws GatewayException;

    /** Refunds (part of) a paid trade; the same {@code outRequestNo} refunds at most once. */
    RefundResult refund(ChannelRefundRequest request) throws GatewayException;

    // ---- end of day ----

    /** 3201-style totals (and details) for one day, to compare with the workstation's journal. */
    ReconciliationReport reconcile(LocalDate day) throws GatewayException;
}
