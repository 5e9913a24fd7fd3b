package org.medpay.catalogue.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.medpay.catalogue.InsuranceMapping;
import org.medpay.core.sale.InsuranceClass;

/**
 * A realistic demo catalogue made in code, the same every time for a seed: real generic names combined
 * with their usual forms, specs and makers, a mix of classes A/B/C, some drugs unmatched, some fully
 * self-paid, some mappings expired or not yet valid. Dates are fixed (not "today") so tests stay true.
 */
public final class DemoCatalogue {

    public static final long SEED = 20261126L;
    public static final int DEFAULT_SIZE = 6000;
    /** Mappings in the demo data that ended: a sale after this date finds those drugs unmatched. */
    public static final LocalDate EXPIRED_ON = LocalDate.of(2024, 12, 31);

    /** generic stem, ATC-like code, forms it comes in, whether it is traditional Chinese medicine. */
    private record Stem(String name, String atc, String[] forms, boolean tcm) {
    }

    private record Form(String suffix, String unit, String[] specs, int minYuan, int maxYuan) {
    }

    private static final Form TABLET = new Form("片", "盒", new String[] { "0.1g*24片", "0.25g*12片", "0.5g*20片", "10mg*30片", "5mg*28片", "0.3g*36片" }, 4, 48);
    private static final Form CAPSULE = new Form("胶囊", "盒", new String[] { "0.25g*24粒", "0.5g*12粒", "0.3g*20粒", "20mg*14粒", "0.15g*10粒" }, 6, 58);
    private static final Form SR_CAPSULE = new Form("缓释胶囊", "盒", new String[] { "0.3g*20粒", "0.4g*10粒", "30mg*7粒" }, 12, 68);
    private static final Form SR_TABLET = new Form("缓释片", "盒", new String[] { "0.5g*20片", "30mg*10片", "47.5mg*7片" }, 15, 89);
    private static final Form DISP_TABLET = new Form("分散片", "盒", new String[] { "0.25g*12片", "0.125g*24片" }, 8, 36);
    private static final Form GRANULE = new Form("颗粒", "盒", new String[] { "10g*10袋", "5g*9袋", "3g*12袋", "6g*10袋" }, 9, 45);
    private static final Form ORAL_LIQUID = new Form("口服液", "盒", new String[] { "10ml*10支", "10ml*6支", "100ml" }, 15, 60);
    private static final Form OINTMENT = new Form("软膏", "支", new String[] { "10g", "15g", "20g" }, 5, 38);
    private static final Form EYE_DROPS = new Form("滴眼液", "支", new String[] { "5ml", "8ml", "10ml" }, 8, 42);
    private static final Form SYRUP = new Form("糖浆", "瓶", new String[] { "100ml", "120ml", "150ml" }, 10, 35);
    private static final Form PILL = new Form("丸", "盒", new String[] { "6g*10袋", "9g*10丸", "0.2g*60丸" }, 10, 55);

    private static final Form[] WESTERN = { TABLET, CAPSULE, SR_CAPSULE, SR_TABLET, DISP_TABLET, GRANULE, ORAL_LIQUID, SYRUP };

    private static final Stem[] STEMS = {
            stem("阿莫西林", "J01CA", TABLET, CAPSULE, DISP_TABLET, GRANULE), stem("头孢克肟", "J01DD", TABLET, CAPSULE, GRANULE, DISP_TABLET),
            stem("头孢呋辛酯", "J01DC", TABLET, CAPSULE), stem("头孢氨苄", "J01DB", CAPSULE, TABLET, GRANULE),
            stem("阿奇霉素", "J01FA", TABLET, CAPSULE, DISP_TABLET, GRANULE), stem("克拉霉素", "J01FA", TABLET, CAPSULE, SR_TABLET),
            stem("罗红霉素", "J01FA", TABLET, CAPSULE, DISP_TABLET), stem("左氧氟沙星", "J01MA", TABLET, CAPSULE, EYE_DROPS),
            stem("诺氟沙星", "J01MA", CAPSULE, TABLET), stem("甲硝唑", "P01AB", TABLET, CAPSULE),
            stem("布洛芬", "M01AE", TABLET, SR_CAPSULE, GRANULE, SYRUP), stem("对乙酰氨基酚", "N02BE", TABLET, SR_TABLET, GRANULE, SYRUP),
            stem("双氯芬酸钠", "M01AB", SR_TABLET, SR_CAPSULE, OINTMENT), stem("塞来昔布", "M01AH", CAPSULE),
            stem("氨氯地平", "C08CA", TABLET), stem("苯磺酸氨氯地平", "C08CA", TABLET), stem("硝苯地平", "C08CA", SR_TABLET, TABLET),
            stem("缬沙坦", "C09CA", CAPSULE, TABLET), stem("厄贝沙坦", "C09CA", TABLET, CAPSULE), stem("氯沙坦钾", "C09CA", TABLET),
            stem("美托洛尔", "C07AB", TABLET, SR_TABLET), stem("阿托伐他汀钙", "C10AA", TABLET), stem("瑞舒伐他汀钙", "C10AA", TABLET),
            stem("辛伐他汀", "C10AA", TABLET), stem("阿司匹林肠溶", "B01AC", TABLET), stem("氯吡格雷", "B01AC", TABLET),
            stem("二甲双胍", "A10BA", TABLET, SR_TABLET), stem("格列美脲", "A10BB", TABLET), stem("阿卡波糖", "A10BF", TABLET),
            stem("格列齐特", "A10BB", SR_TABLET, TABLET), stem("奥美拉唑肠溶", "A02BC", CAPSULE), stem("雷贝拉唑钠肠溶", "A02BC", TABLET, CAPSULE),
            stem("泮托拉唑钠肠溶", "A02BC", TABLET, CAPSULE), stem("铝碳酸镁", "A02AD", TABLET), stem("蒙脱石", "A07BC", GRANULE),
            stem("多潘立酮", "A03FA", TABLET), stem("氯雷他定", "R06AX", TABLET, SYRUP), stem("西替利嗪", "R06AE", TABLET, ORAL_LIQUID),
            stem("孟鲁司特钠", "R03DC", TABLET, GRANULE), stem("氨溴索", "R05CB", TABLET, ORAL_LIQUID, SYRUP),
            stem("右美沙芬", "R05DA", TABLET, SYRUP, GRANULE), stem("维生素C", "A11GA", TABLET), stem("维生素B1", "A11DA", TABLET),
            stem("复合维生素B", "A11EA", TABLET), stem("叶酸", "B03BB", TABLET), stem("碳酸钙D3", "A12AX", TABLET, GRANULE),
            stem("葡萄糖酸锌", "A12CB", ORAL_LIQUID, TABLET), stem("红霉素", "D06AX", OINTMENT, TABLET), stem("莫匹罗星", "D06AX", OINTMENT),
            stem("曲安奈德益康唑", "D01AC", OINTMENT), stem("地塞米松", "H02AB", TABLET), stem("泼尼松", "H02AB", TABLET),
            stem("妥布霉素", "S01AA", EYE_DROPS), stem("玻璃酸钠", "S01XA", EYE_DROPS), stem("氯霉素", "S01AA", EYE_DROPS),
            stem("坦索罗辛", "G04CA", SR_CAPSULE), stem("非那雄胺", "G04CB", TABLET), stem("甲钴胺", "B03BA", TABLET, CAPSULE),
            stem("阿昔洛韦", "J05AB", TABLET, OINTMENT), stem("奥司他韦", "J05AH", CAPSULE, GRANULE),
            tcm("连花清瘟", "ZA01B", CAPSULE, GRANULE, TABLET), tcm("板蓝根", "ZA01C", GRANULE), tcm("感冒灵", "ZA01A", GRANULE, CAPSULE),
            tcm("小柴胡", "ZA01D", GRANULE, TABLET), tcm("藿香正气", "ZA02A", ORAL_LIQUID, CAPSULE, PILL),
            tcm("双黄连", "ZA01C", ORAL_LIQUID, CAPSULE, GRANULE), tcm("蒲地蓝消炎", "ZA01C", ORAL_LIQUID, TABLET),
            tcm("复方甘草", "ZA04A", TABLET, ORAL_LIQUID), tcm("急支", "ZA04B", SYRUP), tcm("川贝枇杷", "ZA04B", SYRUP, GRANULE),
            tcm("六味地黄", "ZA09F", PILL, CAPSULE), tcm("逍遥", "ZA06C", PILL, GRANULE), tcm("银翘解毒", "ZA01C", TABLET, PILL, GRANULE),
            tcm("牛黄解毒", "ZA01E", TABLET, PILL), tcm("三九胃泰", "ZA07A", GRANULE, CAPSULE), tcm("健胃消食", "ZA07B", TABLET),
            tcm("复方丹参", "ZA12B", TABLET), tcm("速效救心", "ZA12B", PILL), tcm("血塞通", "ZA12C", TABLET, CAPSULE),
            tcm("云南白药", "ZA13A", CAPSULE), tcm("马应龙麝香痔疮", "ZA15A", OINTMENT), tcm("京都念慈菴蜜炼川贝枇杷", "ZA04B", SYRUP),
            tcm("清开灵", "ZA01E", CAPSULE, GRANULE), tcm("金嗓子喉", "ZA11A", TABLET), tcm("华素", "ZA11A", TABLET) };

    private static final String[] MAKERS = { "华北制药股份有限公司", "石药集团欧意药业有限公司", "哈药集团制药总厂", "修正药业集团股份有限公司",
            "广州白云山制药股份有限公司", "石家庄以岭药业股份有限公司", "扬子江药业集团有限公司", "齐鲁制药有限公司", "太极集团重庆涪陵制药厂有限公司",
            "北京同仁堂股份有限公司", "云南白药集团股份有限公司", "华润三九医药股份有限公司", "仁和药业有限公司", "葵花药业集团股份有限公司",
            "浙江海正药业股份有限公司", "江苏恒瑞医药股份有限公司", "上海信谊药厂有限公司", "天津太平洋制药有限公司", "四川科伦药业股份有限公司",
            "辉瑞制药有限公司", "拜耳医药保健有限公司", "中美天津史克制药有限公司", "西安杨森制药有限公司", "海南海药股份有限公司" };

    private static final String[] BRANDS = { "", "", "", "", "", "芬必得", "泰诺林", "阿莫仙", "希舒美", "络活喜", "立普妥", "波立维",
            "拜糖平", "格华止", "络活喜", "开瑞坦", "顺尔宁", "美林", "达喜", "思密达", "吗丁啉", "康王" };

    private DemoCatalogue() {
    }

    private static Stem stem(String name, String atc, Form... forms) {
        return new Stem(name, atc, java.util.Arrays.stream(forms).map(Form::suffix).toArray(String[]::new), false);
    }

    private static Stem tcm(String name, String atc, Form... forms) {
        return new Stem(name, atc, java.util.Arrays.stream(forms).map(Form::suffix).toArray(String[]::new), true);
    }

    private static Form form(String suffix) {
        for (Form f : new Form[] { TABLET, CAPSULE, SR_CAPSULE, SR_TABLET, DISP_TABLET, GRANULE, ORAL_LIQUID, OINTMENT, EYE_DROPS,
                SYRUP, PILL }) {
            if (f.suffix.equals(suffix)) {
                return f;
            }
        }
        return WESTERN[0];
    }

    public static List<DrugRecord> generate(int count, long seed) {
        Random rnd = new Random(seed);
        List<DrugRecord> out = new ArrayList<>(count);
        java.util.Set<String> barcodes = new java.util.HashSet<>(count * 2);
        for (int i = 0; i < count; i++) {
            Stem stem = STEMS[rnd.nextInt(STEMS.length)];
            Form form = form(stem.forms[rnd.nextInt(stem.forms.length)]);
            String generic = stem.name + form.suffix;
            String spec = form.specs[rnd.nextInt(form.specs.length)];
            String maker = MAKERS[rnd.nextInt(MAKERS.length)];
            String brand = rnd.nextInt(4) == 0 ? BRANDS[rnd.nextInt(BRANDS.length)] : "";
            long priceFen = (form.minYuan * 100L + rnd.nextInt((form.maxYuan - form.minYuan) * 100)) / 10 * 10;
            String code = String.format("YP%06d", i + 1);
            List<String> codes = new ArrayList<>(2);
            int nBarcodes = rnd.nextInt(20) == 0 ? 0 : rnd.nextInt(8) == 0 ? 2 : 1;
            while (codes.size() < nBarcodes) {
                String b = ean13(rnd);
                if (barcodes.add(b)) {
                    codes.add(b);
                }
            }
            String approval = (stem.tcm ? "国药准字Z" : "国药准字H") + (19990000 + rnd.nextInt(2_000_000));
            int roll = rnd.nextInt(100);
            boolean selfPaid = roll < 5;
            List<InsuranceMapping> mappings = new ArrayList<>(1);
            if (roll >= 5 && roll < 13) {
                // unmatched: never mapped
            } else {
                InsuranceClass cls = roll < 18 ? InsuranceClass.C : rnd.nextInt(100) < 55 ? InsuranceClass.A : InsuranceClass.B;
                long ratio = switch (cls) {
                case A -> 0;
                case B -> 50L * (1 + rnd.nextInt(4));
                case C -> 1000;
                };
                String national = (stem.tcm ? "Z" : "X") + stem.atc + "A" + String.format("%03d", rnd.nextInt(1000))
                        + (stem.tcm ? "B" : "E") + String.format("%012d", Math.floorMod(rnd.nextLong(), 1_000_000_000_000L));
                LocalDate from = LocalDate.of(2019 + rnd.nextInt(5), 1 + rnd.nextInt(12), 1);
                int validity = rnd.nextInt(100);
                LocalDate to = validity < 5 ? EXPIRED_ON : null;
                if (validity >= 5 && validity < 7) {
                    from = LocalDate.of(2027, 1, 1); // mapping uploaded, not valid yet
                }
                mappings.add(new InsuranceMapping(national, from, to, cls, ratio));
            }
            out.add(new DrugRecord(code, codes, generic, brand, Pinyin.initials(generic), spec, form.unit, priceFen, maker,
                    approval, selfPaid, mappings));
        }
        return out;
    }

    /** A Chinese (690-699 prefix) EAN-13 with a correct check digit, as a scanner would read it. */
    static String ean13(Random rnd) {
        StringBuilder sb = new StringBuilder("69");
        for (int i = 0; i < 10; i++) {
            sb.append(rnd.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = sb.charAt(i) - '0';
            sum += (i % 2 == 0) ? d : d * 3;
        }
        sb.append((10 - sum % 10) % 10);
        return sb.toString();
    }
}
