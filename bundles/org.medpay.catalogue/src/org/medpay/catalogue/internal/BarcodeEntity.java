package org.medpay.catalogue.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** CAT_BARCODE: a drug may carry several barcodes (packs, suppliers); a barcode names one drug. */
@Entity
@Table(name = "CAT_BARCODE")
public class BarcodeEntity {

    @Id
    @Column(name = "BARCODE", length = 32)
    String barcode;
    @Column(name = "DRUG_CODE", length = 32, nullable = false)
    String drugCode;
}
