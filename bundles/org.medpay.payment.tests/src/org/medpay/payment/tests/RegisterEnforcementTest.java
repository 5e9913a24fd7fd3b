package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.payment.FailureKind;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentService;
import org.medpay.register.BuyerRole;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.IdType;
import org.medpay.register.Person;
import org.medpay.register.RegisterEntry;
import org.medpay.register.RegisterEntryDraft;
import org.medpay.testing.Sales;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * P-1, strictly: through the product's own DS payment service, an insurance payment above the region's
 * threshold is refused until its register entry exists, then settles, and the register chains the
 * settlement after the entry.
 */
class RegisterEnforcementTest {

    private static final OperatorRef CASHIER = new OperatorRef("C01", "李收银");

    @Test
    void anOverThresholdInsurancePaymentNeedsItsRegisterEntryFirst() throws Exception {
        ConfigurationAdmin cm = Fixture.await(ConfigurationAdmin.class);
        Configuration sandbox = cm.getConfiguration("org.medpay.gateway.sandbox", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("policy.registerThresholdFen", "2000"); // ¥20: the ¥25 test sale is above it
        sandbox.update(props);
        try {
            PaymentService payments = Fixture.await(PaymentService.class);
            ComplianceRegister register = Fixture.await(ComplianceRegister.class);
            awaitRegionWithThreshold(payments);

            Sale sale = Sales.eligible(Fixture.NOW); // ¥25.00, class A, a bound buyer with ¥500 pays from the account
            PaymentOutcome refused = payments.settle(sale, evoucher(), CASHIER, null).get(30, TimeUnit.SECONDS);
            assertEquals(PaymentOutcome.Result.FAILED, refused.result(), refused.toString());
            assertEquals(FailureKind.BLOCKED_BY_RULE, refused.failure(), refused.toString());
            assertTrue(refused.legs().isEmpty(), "nothing was booked: " + refused);

            register.record(RegisterEntryDraft.forSale(sale, sale.total(), Money.ZERO, CASHIER).withPeople(
                    new Person("张三", IdType.RESIDENT_ID, "11010519491231002X", "13800138000", "SS51010012345"),
                    BuyerRole.INSURED, "", null, ""));

            PaymentOutcome paid = payments.settle(sale, evoucher(), CASHIER, null).get(30, TimeUnit.SECONDS);
            assertTrue(paid.paid(), paid.toString());
            LocalDate today = LocalDate.now(ZoneId.systemDefault());
            List<RegisterEntry> entries = register.entries(today.minusDays(1), today.plusDays(1));
            RegisterEntry entry = entries.stream().filter(e -> e.saleId().equals(sale.id())).findFirst().orElseThrow();
            long deadline = System.currentTimeMillis() + 10_000;
            while (entry.settlement().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                entry = register.entries(today.minusDays(1), today.plusDays(1)).stream()
                        .filter(e -> e.saleId().equals(sale.id())).findFirst().orElseThrow();
            }
            assertTrue(entry.settlement().isPresent(), "the settlement is chained after the entry");
            assertTrue(register.verifyChain().ok());
        } finally {
            sandbox.delete();
        }
    }

    /**
     * Under a split policy the account pays only what the balance covers: the refusal says how much, so the
     * entry records that split, and the rescan then settles (before, the screen registered the whole total as
     * insurance and the gate refused the rescan again, for ever).
     */
    @Test
    void underASplitPolicyTheRefusalSaysTheInsuranceAmountTheEntryMustCarry() throws Exception {
        ConfigurationAdmin cm = Fixture.await(ConfigurationAdmin.class);
        Configuration sandbox = cm.getConfiguration("org.medpay.gateway.sandbox", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("policy.registerThresholdFen", "50"); // ¥0.50: the ¥1.00 the account can pay is above it
        props.put("policy.split", "ACCOUNT_THEN_CHANNEL");
        sandbox.update(props);
        try {
            PaymentService payments = Fixture.await(PaymentService.class);
            ComplianceRegister register = Fixture.await(ComplianceRegister.class);
            awaitRegionWithThreshold(payments);

            Sale sale = Sales.eligible(Fixture.NOW); // ¥25.00
            PaymentOutcome refused = payments.settle(sale, alipayWithOneYuanInTheAccount(), CASHIER, null)
                    .get(30, TimeUnit.SECONDS);
            assertEquals(FailureKind.BLOCKED_BY_RULE, refused.failure(), refused.toString());
            assertEquals(Money.ofFen(100), refused.insuranceDue(), "the balance (¥1.00) is what the account pays");

            register.record(RegisterEntryDraft.forSale(sale, refused.insuranceDue(),
                    sale.total().minus(refused.insuranceDue()), CASHIER).withPeople(
                            new Person("张三", IdType.RESIDENT_ID, "11010519491231002X", "13800138000", "SS51010012345"),
                            BuyerRole.INSURED, "", null, ""));
            PaymentOutcome paid = payments.settle(sale, alipayWithOneYuanInTheAccount(), CASHIER, null)
                    .get(30, TimeUnit.SECONDS);
            assertTrue(paid.paid(), paid.toString());
            assertEquals(null, paid.insuranceDue());
        } finally {
            sandbox.delete();
        }
    }

    /** Alipay code ending 10–19: a bound buyer with ¥1.00 in the personal account. */
    private static ScannedCode alipayWithOneYuanInTheAccount() {
        String digits = String.format("%014d", System.nanoTime() % 100_000_000_000_000L);
        return new ScannedCode("28" + digits + "11", ScannedCodeKind.ALIPAY_PAYMENT_CODE, "test");
    }

    private static ScannedCode evoucher() {
        String token = "EC" + Long.toString(System.nanoTime(), 36).toUpperCase() + "TESTTOKEN00"; // ends in 00: bound, ¥500
        return new ScannedCode(token, ScannedCodeKind.INSURANCE_EVOUCHER, "test");
    }

    /** The sandbox component restarts with the new policy; wait until the service settles with it again. */
    private static void awaitRegionWithThreshold(PaymentService payments) throws InterruptedException {
        Thread.sleep(1_000);
        long until = System.currentTimeMillis() + 20_000;
        while (payments.activeRegion().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
    }
}
