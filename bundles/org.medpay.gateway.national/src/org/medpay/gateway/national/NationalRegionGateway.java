package org.medpay.gateway.national;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.sale.SaleLine;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.CancelResult;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.ChannelRefundRequest;
import org.medpay.gateway.api.ChannelResult;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.ChannelTradeRef;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;
import org.medpay.gateway.api.InsuranceCancel;
import org.medpay.gateway.api.InsuranceRequest;
import org.medpay.gateway.api.InsuranceSettlement;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.ReconciliationReport;
import org.medpay.gateway.api.RefundResult;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.gateway.national.codec.Json;
import org.medpay.gateway.national.codec.JsonException;
import org.medpay.gateway.national.wallet.AlipayClient;
import org.medpay.gateway.national.wallet.WechatClient;

/**
 * A {@link RegionGateway} for a region whose platform speaks the national protocol, with Alipay and
 * WeChat for the channel leg. Region bundles (and the sandbox) configure one and publish it as their
 * service; the mapping of the national codes lives here once.
 */
public class NationalRegionGateway implements RegionGateway {

    private static final DateTimeFormatter FEE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final RegionInfo info;
    private final NationalClient national;
    private final AlipayClient alipay;
    private final WechatClient wechat;

    public NationalRegionGateway(RegionInfo info, NationalClient national, AlipayClient alipay, WechatClient wechat) {
        this.info = info;
        this.national = national;
        this.alipay = alipay;
        this.wechat = wechat;
    }

    public NationalClient nationalClient() {
        return national;
    }

    @Override
    public String regionCode() {
        return info.regionCode();
    }

    @Override
    public String displayName() {
        return info.displayName();
    }

    @Override
    public boolean isTraining() {
        return info.training();
    }

    @Override
    public RegionPolicy policy() {
        return info.policy();
    }

    @Override
    public String nextMessageId() {
        return national.nextMessageId();
    }

    /**
     * 1101 with the scanned code as {@code mdtrt_cert_no} (type 01). For a payment code, "no insured
     * person for this code" is an answer, not an error: the buyer is unbound and pays by wallet (N-1).
     */
    @Override
    public BuyerIdentity identify(ScannedCode code, OperatorRef operator) throws GatewayException {
        ScannedCodeKind kind = code.kind();
        if (!kind.identifiesBuyer()) {
            throw new GatewayException.DefiniteFailure(FailureReason.CODE_INVALID, "", "不是付款码或医保电子凭证");
        }
        PaymentChannel channel = switch (kind) {
        case ALIPAY_PAYMENT_CODE -> PaymentChannel.ALIPAY;
        case WECHAT_PAYMENT_CODE -> PaymentChannel.WECHAT;
        case UNIONPAY_PAYMENT_CODE -> throw new GatewayException.DefiniteFailure(FailureReason.CODE_INVALID, "",
                "暂不支持银联付款码，请使用支付宝或微信付款码");
        default -> null;
        };
        String paymentCode = channel == null ? null : code.text();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mdtrt_cert_type", "01");
        data.put("mdtrt_cert_no", code.text());
        data.put("card_sn", "");
        data.put("begntime", "");
        data.put("psn_cert_type", "");
        data.put("certno", "");
        data.put("psn_name", "");
        Map<String, Object> out;
        try {
            out = national.call(NationalClient.PERSON_INFO, national.nextMessageId(), operator, Map.of("data", data), "");
        } catch (GatewayException.DefiniteFailure f) {
            if (channel != null && f.reason() == FailureReason.BUYER_NOT_BOUND) {
                return new BuyerIdentity(false, null, null, null, null, null, channel, paymentCode, null);
            }
            throw f;
        }
        try {
            Map<String, Object> base = Json.obj(out, "baseinfo");
            String psnNo = Json.str(base, "psn_no");
            if (psnNo == null || psnNo.isEmpty()) {
                if (channel != null) {
                    return new BuyerIdentity(false, null, null, null, null, null, channel, paymentCode, null);
                }
                throw new GatewayException.DefiniteFailure(FailureReason.BUYER_NOT_BOUND, "", "未查询到参保人员信息");
            }
            Money balance = null;
            String insuredRegion = null;
            for (Object o : Json.list(out, "insuinfo")) {
                if (o instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> ins = (Map<String, Object>) m;
                    String balc = Json.str(ins, "balc");
                    if (balc != null) {
                        Money b = toMoney(balc, "balc");
                        balance = balance == null ? b : balance.plus(b);
                    }
                    if (insuredRegion == null) {
                        insuredRegion = Json.str(ins, "insuplc_admdvs");
                    }
                }
            }
            return new BuyerIdentity(true, psnNo, "01", code.text(), Json.str(base, "psn_name"), balance, channel,
                    paymentCode, insuredRegion);
        } catch (JsonException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "1101: " + e.getMessage(), e);
        }
    }

    @Override
    public InsuranceSettlement preSettle(InsuranceRequest request) throws GatewayException {
        return settlement(NationalClient.PRE_SETTLE, request);
    }

    @Override
    public InsuranceSettlement settle(InsuranceRequest request) throws GatewayException {
        return settlement(NationalClient.SETTLE, request);
    }

    private InsuranceSettlement settlement(String infno, InsuranceRequest request) throws GatewayException {
        BuyerIdentity buyer = request.buyer();
        if (buyer == null || !buyer.insuranceBound()) {
            throw new GatewayException.DefiniteFailure(FailureReason.BUYER_NOT_BOUND, "", "购药人未绑定医保，不能走个人账户");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("psn_no", buyer.personNo());
        data.put("mdtrt_cert_type", buyer.certType() == null ? "01" : buyer.certType());
        data.put("mdtrt_cert_no", buyer.certNo());
        data.put("med_type", "41");
        data.put("medfee_sumamt", request.total().toYuanString());
        data.put("psn_setlway", "01");
        data.put("acct_used_flag", request.useAccount() ? "1" : "0");
        data.put("insutype", "310");
        data.put("ipt_otp_no", request.saleId());
        List<Object> details = new ArrayList<>();
        for (SaleLine line : request.lines()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("feedetl_sn", request.saleId() + "-" + line.lineNo());
            d.put("med_list_codg", line.drug().nationalCode() == null ? "" : line.drug().nationalCode());
            d.put("medins_list_codg", line.drug().pharmacyCode());
            d.put("cnt", line.quantity());
            d.put("pric", line.drug().unitPrice().toYuanString());
            d.put("det_item_fee_sumamt", line.total().toYuanString());
            d.put("fee_ocur_time", line.chargeTime().format(FEE_TIME));
            details.add(d);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("data", data);
        input.put("drugdetail", details);
        Map<String, Object> out = national.call(infno, request.messageId(), request.operator(), input,
                buyer.insuredRegion());
        try {
            Map<String, Object> s = Json.obj(out, "setlinfo");
            return new InsuranceSettlement(Json.str(s, "setl_id"), Json.str(s, "mdtrt_id"),
                    toMoney(Json.str(s, "medfee_sumamt"), "medfee_sumamt"), toMoney(Json.str(s, "acct_pay"), "acct_pay"),
                    toMoney(Json.str(s, "psn_cash_pay"), "psn_cash_pay"),
                    toMoney(Json.str(s, "fund_pay_sumamt"), "fund_pay_sumamt"), toMoney(Json.str(s, "balc"), "balc"));
        } catch (JsonException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, infno + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void cancelSettlement(InsuranceCancel request) throws GatewayException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("setl_id", request.settlementId());
        data.put("mdtrt_id", request.visitId());
        data.put("psn_no", request.personNo());
        national.call(NationalClient.CANCEL_SETTLEMENT, request.messageId(), request.operator(), Map.of("data", data),
                "");
    }

    @Override
    public void reverse(String originalMessageId, String originalTransactionCode, OperatorRef operator)
            throws GatewayException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("psn_no", "");
        data.put("omsgid", originalMessageId);
        data.put("oinfno", originalTransactionCode);
        national.call(NationalClient.REVERSAL, national.nextMessageId(), operator, Map.of("data", data), "");
    }

    @Override
    public ChannelResult pay(ChannelPayRequest request) throws GatewayException {
        return switch (wallet(request.channel())) {
        case ALIPAY -> alipay.pay(request);
        default -> wechat.pay(request);
        };
    }

    @Override
    public ChannelResult query(ChannelTradeRef trade) throws GatewayException {
        return switch (wallet(trade.channel())) {
        case ALIPAY -> alipay.query(trade.outTradeNo());
        default -> wechat.query(trade.outTradeNo());
        };
    }

    @Override
    public CancelResult cancel(ChannelTradeRef trade) throws GatewayException {
        return switch (wallet(trade.channel())) {
        case ALIPAY -> alipay.cancel(trade.outTradeNo());
        default -> wechat.cancel(trade.outTradeNo());
        };
    }

    @Override
    public RefundResult refund(ChannelRefundRequest request) throws GatewayException {
        if (wallet(request.channel()) == PaymentChannel.ALIPAY) {
            return alipay.refund(request);
        }
        // WeChat wants the trade's total with every refund: ask the platform rather than trust memory.
        ChannelResult paid = wechat.query(request.outTradeNo());
        if (paid.status() != ChannelStatus.PAID && paid.status() != ChannelStatus.REFUNDED || paid.amount() == null) {
            throw new GatewayException.DefiniteFailure(FailureReason.REFUND_NOT_ALLOWED, "",
                    "该交易未支付，不能退款");
        }
        return wechat.refund(request, paid.amount());
    }

    private PaymentChannel wallet(PaymentChannel c) throws GatewayException {
        if (c == PaymentChannel.ALIPAY && alipay != null || c == PaymentChannel.WECHAT && wechat != null) {
            return c;
        }
        throw new GatewayException.DefiniteFailure(FailureReason.REJECTED, "", "本区域未配置该支付渠道: " + c);
    }

    /**
     * 3202-style detail of the insurance settlements booked on {@code day}. Wallet bills (Alipay bill
     * download, WeChat downloadbill) are not fetched yet: channel lines are absent from the report.
     */
    @Override
    public ReconciliationReport reconcile(LocalDate day) throws GatewayException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stmt_begndate", day.format(DAY));
        data.put("stmt_enddate", day.format(DAY));
        data.put("fixmedins_code", national.config().institutionCode());
        Map<String, Object> out = national.call(NationalClient.RECONCILE_DETAIL, national.nextMessageId(),
                OperatorRef.SYSTEM, Map.of("data", data), "");
        List<ReconciliationReport.Line> lines = new ArrayList<>();
        try {
            for (Object o : Json.list(out, "setlinfo")) {
                if (o instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> s = (Map<String, Object>) m;
                    lines.add(new ReconciliationReport.Line(Json.str(s, "setl_id"), "INSURANCE",
                            toMoney(Json.str(s, "acct_pay"), "acct_pay"), "1".equals(Json.str(s, "refd_setl_flag"))));
                }
            }
        } catch (JsonException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "3202: " + e.getMessage(), e);
        }
        return new ReconciliationReport(day, lines);
    }

    static Money toMoney(String yuan, String field) throws GatewayException {
        if (yuan == null) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "missing " + field, null);
        }
        try {
            return Money.parseYuan(new BigDecimal(yuan).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
        } catch (RuntimeException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "bad amount in " + field, e);
        }
    }
}
