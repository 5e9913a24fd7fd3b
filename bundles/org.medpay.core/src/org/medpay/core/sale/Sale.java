package org.medpay.core.sale;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.medpay.core.money.Money;

/**
 * The drugs a buyer is about to pay for. Mutable while the cashier enters it (P-9, P-10); listeners
 * hear every change so totals and the 已对码 indicator never lag behind the table.
 */
public final class Sale {

    public static final int MAX_LINES = 200;
    /** ¥100,000: far above any pharmacy basket, low enough to catch a scanned barcode typed as a quantity. */
    public static final Money MAX_TOTAL = Money.ofFen(10_000_000);

    /** A new one with every {@link #clear()}: the view keeps one Sale object for sale after sale. */
    private volatile String id;
    private final List<SaleLine> lines = new ArrayList<>();
    private final List<Consumer<Sale>> listeners = new CopyOnWriteArrayList<>();
    private int nextLineNo = 1;

    public Sale() {
        this(UUID.randomUUID().toString());
    }

    public Sale(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public synchronized List<SaleLine> lines() {
        return Collections.unmodifiableList(new ArrayList<>(lines));
    }

    public synchronized boolean isEmpty() {
        return lines.isEmpty();
    }

    public SaleLine add(DrugRef drug, int quantity, LocalDateTime chargeTime) {
        SaleLine line;
        synchronized (this) {
            if (lines.size() >= MAX_LINES) {
                throw new SaleException(SaleException.Kind.TOO_MANY_LINES, lines.size());
            }
            line = new SaleLine(nextLineNo, drug, quantity, chargeTime);
            checkTotal(total().plus(line.total()));
            nextLineNo++;
            lines.add(line);
        }
        fire();
        return line;
    }

    public SaleLine changeQuantity(int lineNo, int quantity) {
        SaleLine changed;
        synchronized (this) {
            int i = indexOf(lineNo);
            SaleLine old = lines.get(i);
            changed = old.withQuantity(quantity);
            checkTotal(total().minus(old.total()).plus(changed.total()));
            lines.set(i, changed);
        }
        fire();
        return changed;
    }

    public void remove(int lineNo) {
        synchronized (this) {
            lines.remove(indexOf(lineNo));
        }
        fire();
    }

    /**
     * Ends this sale (paid, P-12, or cancelled) and starts the next one with a new id. The id must change:
     * payments, their journal and the P-1 register entry are keyed by it, so a reused id would let the next
     * customer's payment pass on the previous customer's register entry, or wait behind their open attempt.
     */
    public void clear() {
        synchronized (this) {
            lines.clear();
            nextLineNo = 1;
            id = UUID.randomUUID().toString();
        }
        fire();
    }

    private int indexOf(int lineNo) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineNo() == lineNo) {
                return i;
            }
        }
        throw new SaleException(SaleException.Kind.NO_SUCH_LINE, lineNo);
    }

    private static void checkTotal(Money total) {
        if (total.greaterThan(MAX_TOTAL)) {
            throw new SaleException(SaleException.Kind.TOTAL_TOO_LARGE, total.fen());
        }
    }

    public synchronized Money total() {
        Money sum = Money.ZERO;
        for (SaleLine l : lines) {
            sum = sum.plus(l.total());
        }
        return sum;
    }

    /** 已对码药品: every line is matched to the national catalogue (an empty sale is not). */
    public synchronized boolean allCodeMatched() {
        return !lines.isEmpty() && lines.stream().allMatch(l -> l.drug().codeMatched());
    }

    /** Rule N-2: any unmatched, fully self-paid or class C line sends the whole sale to Alipay/WeChat. */
    public synchronized Eligibility insuranceEligibility() {
        for (SaleLine l : lines) {
            IneligibilityReason r = l.drug().ineligibility();
            if (r != null) {
                return Eligibility.blockedBy(l, r);
            }
        }
        return Eligibility.ALLOWED;
    }

    public void addListener(Consumer<Sale> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Sale> listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Consumer<Sale> l : listeners) {
            l.accept(this);
        }
    }
}
