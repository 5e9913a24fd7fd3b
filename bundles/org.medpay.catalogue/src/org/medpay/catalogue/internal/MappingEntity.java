package org.medpay.catalogue.internal;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** CAT_MAPPING: one 对码 of a drug with its validity range; a drug may have several over time. */
@Entity
@Table(name = "CAT_MAPPING", indexes = @Index(name = "CAT_MAPPING_DRUG", columnList = "DRUG_CODE"))
public class MappingEntity {

    @Id
    @Column(name = "ID")
    long id;
    @Column(name = "DRUG_CODE", length = 32, nullable = false)
    String drugCode;
    @Column(name = "NATIONAL_CODE", length = 50, nullable = false)
    String nationalCode;
    @Column(name = "VALID_FROM", nullable = false)
    LocalDate validFrom;
    @Column(name = "VALID_TO")
    LocalDate validTo;
    @Column(name = "INS_CLASS", length = 1, nullable = false)
    String insuranceClass;
    @Column(name = "SELF_PAY_PERMILLE", nullable = false)
    long selfPayPermille;
}
