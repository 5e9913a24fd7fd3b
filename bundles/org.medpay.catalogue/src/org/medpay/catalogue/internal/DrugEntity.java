package org.medpay.catalogue.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * CAT_DRUG. The entities define the schema (EclipseLink creates and extends it); bulk reads and writes go
 * through JDBC on the same connection ({@link CatalogueStore}) because 200,000 rows must load in seconds.
 */
@Entity
@Table(name = "CAT_DRUG")
public class DrugEntity {

    @Id
    @Column(name = "CODE", length = 32)
    String code;
    @Column(name = "GENERIC_NAME", length = 100, nullable = false)
    String genericName;
    @Column(name = "TRADE_NAME", length = 100)
    String tradeName;
    @Column(name = "PINYIN", length = 100)
    String pinyin;
    @Column(name = "SPEC", length = 100)
    String specification;
    @Column(name = "UNIT", length = 16)
    String unit;
    @Column(name = "PRICE_FEN", nullable = false)
    long priceFen;
    @Column(name = "MANUFACTURER", length = 100)
    String manufacturer;
    @Column(name = "APPROVAL_NO", length = 64)
    String approvalNo;
    @Column(name = "FULLY_SELF_PAID", nullable = false)
    boolean fullySelfPaid;
}
