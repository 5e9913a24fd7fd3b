package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.Eligibility;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.RegionPolicy.SplitPolicy;
import org.medpay.payment.FailureKind;
import org.medpay.payment.internal.Route;
import org.medpay.payment.internal.Router;
import org.medpay.testing.Sales;

/** N-1, N-2 and the region split policy, one rule per test. */
class RouterTest {

    private static final Money TOTAL = Money.ofFen(2500);
    private static final ScannedCodeKind ALI = ScannedCodeKind.ALIPAY_PAYMENT_CODE;
    private static final ScannedCodeKind WX = ScannedCodeKind.WECHAT_PAYMENT_CODE;
    private static final ScannedCodeKind EV = ScannedCodeKind.INSURANCE_EVOUCHER;

    private static BuyerIdentity bound(Long balance) {
        return new BuyerIdentity(true, "P1", "01", "T", "张三", balance == null ? null : Money.ofFen(balance), null, null, "510100");
    }

    private static final BuyerIdentity UNBOUND = new BuyerIdentity(false, null, null, null, null, null, PaymentChannel.ALIPAY, "28", null);

    @Test
    void n1BoundBuyerWithEnoughBalancePaysFromTheAccount() {
        Route r = Router.route(Eligibility.ALLOWED, bound(2500L), ALI, TOTAL, SplitPolicy.ALL_OR_CHANNEL);
        assertEquals(Route.Kind.INSURANCE, r.kind());
        assertEquals(PaymentChannel.ALIPAY, r.wallet(), "the wallet is kept for a platform that leaves a cash part");
    }

    @Test
    void n1ShortBalanceSendsTheWholeAmountToTheCodesWallet() {
        Route r = Router.route(Eligibility.ALLOWED, bound(2499L), WX, TOTAL, SplitPolicy.ALL_OR_CHANNEL);
        assertEquals(Route.Kind.CHANNEL_ONLY, r.kind());
        assertEquals(PaymentChannel.WECHAT, r.wallet());
        assertEquals(TOTAL, r.channelAmount());
        assertTrue(r.fellBack());
    }

    @Test
    void splitPolicyLetsTheAccountPayWhatItCan() {
        Route r = Router.route(Eligibility.ALLOWED, bound(1000L), ALI, TOTAL, SplitPolicy.ACCOUNT_THEN_CHANNEL);
        assertEquals(Route.Kind.INSURANCE, r.kind());
        Route empty = Router.route(Eligibility.ALLOWED, bound(0L), ALI, TOTAL, SplitPolicy.ACCOUNT_THEN_CHANNEL);
        assertEquals(Route.Kind.CHANNEL_ONLY, empty.kind(), "an empty account has nothing to split");
    }

    @Test
    void unknownBalanceLetsThePlatformDecide() {
        assertEquals(Route.Kind.INSURANCE, Router.route(Eligibility.ALLOWED, bound(null), EV, TOTAL, SplitPolicy.ALL_OR_CHANNEL).kind());
    }

    @Test
    void n2AnyUnmatchedSelfPaidOrClassCLineMeansChannelOnly() {
        for (DrugRef bad : new DrugRef[] {
                new DrugRef("U", "未对码", "", "盒", Money.ofFen(100), null, null, false),
                new DrugRef("S", "自费", "", "盒", Money.ofFen(100), "X1", InsuranceClass.A, true),
                new DrugRef("C", "丙类", "", "盒", Money.ofFen(100), "X2", InsuranceClass.C, false) }) {
            Sale sale = Sales.eligible(Fixture.NOW);
            sale.add(bad, 1, Fixture.NOW);
            Route r = Router.route(sale.insuranceEligibility(), bound(1_000_000L), ALI, sale.total(), SplitPolicy.ACCOUNT_THEN_CHANNEL);
            assertEquals(Route.Kind.CHANNEL_ONLY, r.kind(), bad.name());
            assertEquals(sale.total(), r.channelAmount());
            assertFalse(r.fellBack(), "N-2 is not the N-1 fallback");
        }
    }

    @Test
    void unboundBuyerPaysByWallet() {
        assertEquals(Route.Kind.CHANNEL_ONLY, Router.route(Eligibility.ALLOWED, UNBOUND, ALI, TOTAL, SplitPolicy.ALL_OR_CHANNEL).kind());
        assertEquals(Route.Kind.CHANNEL_ONLY, Router.route(Eligibility.ALLOWED, null, ALI, TOTAL, SplitPolicy.ALL_OR_CHANNEL).kind());
    }

    @Test
    void anEvoucherThatCannotCoverAsksForThePaymentCode() {
        Sale sale = Sales.ineligible(Fixture.NOW);
        assertEquals(FailureKind.NEEDS_PAYMENT_CODE,
                Router.route(sale.insuranceEligibility(), bound(1_000_000L), EV, sale.total(), SplitPolicy.ALL_OR_CHANNEL).refusal());
        assertEquals(FailureKind.NEEDS_PAYMENT_CODE,
                Router.route(Eligibility.ALLOWED, bound(10L), EV, TOTAL, SplitPolicy.ALL_OR_CHANNEL).refusal());
        assertEquals(FailureKind.NEEDS_PAYMENT_CODE,
                Router.route(Eligibility.ALLOWED, bound(10L), EV, TOTAL, SplitPolicy.ACCOUNT_THEN_CHANNEL).refusal());
        assertEquals(Route.Kind.REFUSED, Router.route(Eligibility.ALLOWED, UNBOUND, EV, TOTAL, SplitPolicy.ALL_OR_CHANNEL).kind());
    }

    @Test
    void onlyPaymentCodesAndEvouchersReachAGateway() {
        for (ScannedCodeKind k : ScannedCodeKind.values()) {
            boolean expected = k == ALI || k == WX || k == EV;
            assertEquals(expected, Router.settles(k), k.name());
        }
        assertNull(Router.wallet(EV));
    }
}
