package org.medpay.gateway.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.gateway.tests.Fixtures.CASHIER;

import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.InsuranceSettlement;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.testing.Sales;

/** The product's default: the sandbox with no configuration starts its own simulator on loopback. */
class SandboxEmbeddedTest {

    @Test
    void unconfiguredSandboxServesBothLegsOverItsEmbeddedSimulator() throws Exception {
        RegionGateway gw = Fixtures.gateway("(medpay.region=999999)(!(simulatorUrl=*))");
        assertTrue(gw.isTraining());
        BuyerIdentity buyer = gw.identify(Sales.evoucher("00"), CASHIER);
        InsuranceSettlement s = gw.settle(Fixtures.insurance(gw, buyer, 1_800));
        assertEquals(Money.ofFen(1_800), s.accountPaid());
        assertEquals(ChannelStatus.PAID,
                gw.pay(Fixtures.payRequest(PaymentChannel.WECHAT, Sales.wechat("00"), 1_800)).status());
        assertEquals(ChannelStatus.PAID,
                gw.pay(Fixtures.payRequest(PaymentChannel.ALIPAY, Sales.alipay("00"), 1_800)).status());
    }
}
