package org.medpay.gateway.national;

import java.time.LocalDate;

import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.CancelResult;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.ChannelRefundRequest;
import org.medpay.gateway.api.ChannelResult;
import org.medpay.gateway.api.ChannelTradeRef;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.InsuranceCancel;
import org.medpay.gateway.api.InsuranceRequest;
import org.medpay.gateway.api.InsuranceSettlement;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.ReconciliationReport;
import org.medpay.gateway.api.RefundResult;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.api.RegionPolicy;

/**
 * Base of region DS components: the component owns configuration and lifecycle, the delegate (usually a
 * {@link NationalRegionGateway}) does the talking.
 */
public abstract class ForwardingRegionGateway implements RegionGateway {

    protected abstract RegionGateway delegate();

    @Override
    public String regionCode() {
        return delegate().regionCode();
    }

    @Override
    public String displayName() {
        return delegate().displayName();
    }

    @Override
    public boolean isTraining() {
        return delegate().isTraining();
    }

    @Override
    public RegionPolicy policy() {
        return delegate().policy();
    }

    @Override
    public BuyerIdentity identify(ScannedCode code, OperatorRef operator) throws GatewayException {
        return delegate().identify(code, operator);
    }

    @Override
    public String nextMessageId() {
        return delegate().nextMessageId();
    }

    @Override
    public InsuranceSettlement preSettle(InsuranceRequest request) throws GatewayException {
        return delegate().preSettle(request);
    }

    @Override
    public InsuranceSettlement settle(InsuranceRequest request) throws GatewayException {
        return delegate().settle(request);
    }

    @Override
    public void cancelSettlement(InsuranceCancel request) throws GatewayException {
        delegate().cancelSettlement(request);
    }

    @Override
    public void reverse(String originalMessageId, String originalTransactionCode, OperatorRef operator)
            throws GatewayException {
        delegate().reverse(originalMessageId, originalTransactionCode, operator);
    }

    @Override
    public ChannelResult pay(ChannelPayRequest request) throws GatewayException {
        return delegate().pay(request);
    }

    @Override
    public ChannelResult query(ChannelTradeRef trade) throws GatewayException {
        return delegate().query(trade);
    }

    @Override
    public CancelResult cancel(ChannelTradeRef trade) throws GatewayException {
        return delegate().cancel(trade);
    }

    @Override
    public RefundResult refund(ChannelRefundRequest request) throws GatewayException {
        return delegate().refund(request);
    }

    @Override
    public ReconciliationReport reconcile(LocalDate day) throws GatewayException {
        return delegate().reconcile(day);
    }
}
