package org.medpay.gateway.sandbox.simulator;

/**
 * Knobs of the simulator. Plain mutable fields behind {@code volatile}: tests and the admin endpoint
 * change them while it runs.
 */
public final class SimulatorSettings {

    /** Key of the national request signature ({@code x-tif-signature}). */
    public volatile String nationalSigningKey = SandboxKeys.NATIONAL_SIGNING_KEY;
    /** The Alipay application's public key the simulator verifies RSA2 requests with. */
    public volatile String alipayAppPublicKey = SandboxKeys.ALIPAY_APP_PUBLIC_KEY;
    public volatile String wechatApiKey = SandboxKeys.WECHAT_API_KEY;
    /** Delay of the SLOW scenario. */
    public volatile long slowDelayMillis = 3_000;
    /** N of x30 (confirm later, unspecified N). */
    public volatile int confirmAfterSeconds = 10;
    /** Balance of a bound buyer with enough money, in fen. */
    public volatile long richBalanceFen = 50_000;
    /** Balance of the BALANCE_SHORT buyer, in fen. */
    public volatile long poorBalanceFen = 100;
    /** true: 2102 pays what the account can and leaves the rest as cash; false: refuses (N-1). */
    public volatile boolean splitAccountPay = false;
    /** WeChat refuses reverse this soon after the pay call (answers recall=Y). */
    public volatile int wechatReverseMinSeconds = 15;
    /** WeChat revokes an order the buyer did not confirm after this long (0: never). */
    public volatile int wechatAutoRevokeSeconds = 45;
    /** Above this amount the buyer must confirm with a password (WeChat: ¥1000). */
    public volatile long passwordAboveFen = 100_000;
    /** Percent of all platform calls that get a random fault (for the fault-injection harness). */
    public volatile int faultPercent = 0;
    public volatile long faultSeed = 1;

    public SimulatorSettings copy() {
        SimulatorSettings s = new SimulatorSettings();
        s.nationalSigningKey = nationalSigningKey;
        s.alipayAppPublicKey = alipayAppPublicKey;
        s.wechatApiKey = wechatApiKey;
        s.slowDelayMillis = slowDelayMillis;
        s.confirmAfterSeconds = confirmAfterSeconds;
        s.richBalanceFen = richBalanceFen;
        s.poorBalanceFen = poorBalanceFen;
        s.splitAccountPay = splitAccountPay;
        s.wechatReverseMinSeconds = wechatReverseMinSeconds;
        s.passwordAboveFen = passwordAboveFen;
        s.wechatAutoRevokeSeconds = wechatAutoRevokeSeconds;
        s.faultPercent = faultPercent;
        s.faultSeed = faultSeed;
        return s;
    }
}
