package org.medpay.payment.internal;

import java.time.LocalDate;

import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.CancelResult;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.ChannelRefundRequest;
import org.medpay.gateway.api.ChannelResult;
import org.medpay.gateway.api.ChannelTradeRef;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;
import org.medpay.gateway.api.GatewayException.UnknownOutcome;
import org.medpay.gateway.api.InsuranceCancel;
import org.medpay.gateway.api.InsuranceRequest;
import org.medpay.gateway.api.InsuranceSettlement;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.ReconciliationReport;
import org.medpay.gateway.api.RefundResult;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.api.RegionPolicy;

/**
 * A gateway whose platform calls never end in a plain runtime exception. A region bundle stopped,
 * updated or uninstalled mid-call (hot swap) closes its HTTP client under the call: whatever it throws
 * then, the request may have reached the platform, so it is an {@link UnknownOutcome} (query / reverse),
 * never a reason to send the same 2102 message id again as if nothing had left.
 */
final class GuardedGateway implements RegionGateway {

    private final RegionGateway g;

    GuardedGateway(RegionGateway g) {
        this.g = g;
    }

    RegionGateway delegate() {
        return g;
    }

    private static UnknownOutcome gone(RuntimeException e) {
        return new UnknownOutcome(UnknownCause.GATEWAY_UNAVAILABLE, "gateway failed mid-call (stopped?): " + e, e);
    }

    @Override
    public String regionCode() {
        return g.regionCode();
    }

    @Override
    public String displayName() {
        return g.displayName();
    }

    @Override
    public boolean isTraining() {
        return g.isTraining();
    }

    @Override
    public RegionPolicy policy() {
        return g.policy();
    }

    @Override
    public String nextMessageId() {
        return g.nextMessageId();
    }

    @Override
    public BuyerIdentity identify(ScannedCode code, OperatorRef operator) throws GatewayException {
        try {
            return g.identify(code, operator);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public InsuranceSettlement preSettle(InsuranceRequest request) throws GatewayException {
        try {
            return g.preSettle(request);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public InsuranceSettlement settle(InsuranceRequest request) throws GatewayException {
        try {
            return g.settle(request);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public void cancelSettlement(InsuranceCancel request) throws GatewayException {
        try {
            g.cancelSettlement(request);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public void reverse(String originalMessageId, String originalTransactionCode, OperatorRef operator)
            throws GatewayException {
        try {
            g.reverse(originalMessageId, originalTransactionCode, operator);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public ChannelResult pay(ChannelPayRequest request) throws GatewayException {
        try {
            return g.pay(request);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public ChannelResult query(ChannelTradeRef trade) throws GatewayException {
        try {
            return g.query(trade);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public CancelResult cancel(ChannelTradeRef trade) throws GatewayException {
        try {
            return g.cancel(trade);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public RefundResult refund(ChannelRefundRequest request) throws GatewayException {
        try {
            return g.refund(request);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }

    @Override
    public ReconciliationReport reconcile(LocalDate day) throws GatewayException {
        try {
            return g.reconcile(day);
        } catch (RuntimeException e) {
            throw gone(e);
        }
    }
}
