package org.medpay.register.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Properties;
import java.util.UUID;

import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.Sale;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.persistence.JpaProvider;
import org.medpay.register.BuyerRole;
import org.medpay.register.IdType;
import org.medpay.register.Person;
import org.medpay.register.RegisterEntryDraft;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Real services, real sales and valid people for the register tests. */
final class Fixtures {

    static final OperatorRef CASHIER = new OperatorRef("1001", "收银员张敏");
    /** Valid resident IDs (check characters computed independently). */
    static final String ID_1 = "110101199003071233";
    static final String ID_X = "11010519491231002X";

    private Fixtures() {
    }

    static <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(FrameworkUtil.getBundle(Fixtures.class).getBundleContext(), type, null);
        t.open();
        T s = t.waitForService(20_000);
        assertNotNull(s, type.getName());
        return s;
    }

    static Path keyFile() {
        return Path.of(System.getProperty("medpay.data.dir"), "keys", "register.key");
    }

    static Connection jdbc(JpaProvider jpa) throws SQLException {
        // The driver directly: DriverManager refuses drivers the caller's bundle cannot see.
        return new org.apache.derby.jdbc.EmbeddedDriver().connect(jpa.describeDatabase(), new Properties());
    }

    /** ¥612.50: 阿莫西林 ×5 at ¥12.50 and 胰岛素 ×1 at ¥550.00. */
    static Sale sale() {
        Sale s = new Sale("S-" + UUID.randomUUID());
        LocalDateTime t = LocalDateTime.of(2026, 11, 26, 9, 26);
        s.add(new DrugRef("P1", "阿莫西林胶囊", "0.25g*24粒", "盒", Money.ofFen(1250), "XJ01CAA040A001", InsuranceClass.A, false), 5, t);
        s.add(new DrugRef("P2", "门冬胰岛素注射液", "3ml:300单位", "支", Money.ofFen(55000), "XA10ABA020B002", InsuranceClass.B, false), 1, t);
        return s;
    }

    static Person insured() {
        return new Person("王建国", IdType.RESIDENT_ID, ID_1, "13812345678", "110101199003071233");
    }

    static RegisterEntryDraft draft(Sale sale) {
        return RegisterEntryDraft.forSale(sale, Money.ofFen(60000), Money.ofFen(1250), CASHIER)
                .withPeople(insured(), BuyerRole.INSURED, "", null, "");
    }
}
