package org.medpay.ui.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.guidance.GuidanceTexts;
import org.medpay.ui.internal.guidance.GuidanceTexts.Line;

/** The procedure's words by default, English with -nl en, and a chain's or region's own words from the data area. */
class GuidanceTextsTest {

    @AfterEach
    void tearDown() {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
    }

    @Test
    void defaultsAreTheProceduresWords() {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        GuidanceTexts t = GuidanceTexts.load(null, null);
        assertEquals("请问您是用手机支付还是其他方式?", t.text(Line.ASK_PAYMENT));
        assertEquals("您的手机已经绑定了社保卡对吧,马上为您办理。", t.text(Line.PAY_BY_PHONE));
        System.setProperty("osgi.nl", "en");
        Messages.reset();
        assertEquals("Will you pay by phone or another way?", GuidanceTexts.load(null, null).text(Line.ASK_PAYMENT));
    }

    @Test
    void aFileInTheDataAreaOverridesPerChainAndPerRegion() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        Path dir = Files.createTempDirectory("guidance");
        Files.writeString(dir.resolve(GuidanceTexts.FILE), "P-6=下次可以用手机医保支付哦\n3301.P-6=杭州: 下次用支付宝刷医保\n",
                StandardCharsets.UTF_8);
        assertEquals("下次可以用手机医保支付哦", GuidanceTexts.load(dir, "1101").text(Line.SUGGEST_BINDING));
        assertEquals("杭州: 下次用支付宝刷医保", GuidanceTexts.load(dir, "3301").text(Line.SUGGEST_BINDING));
        assertEquals("请问您是用手机支付还是其他方式?", GuidanceTexts.load(dir, "3301").text(Line.ASK_PAYMENT),
                "lines not overridden keep the procedure's words");
    }
}
