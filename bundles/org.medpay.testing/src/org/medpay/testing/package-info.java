/**
 * Test support shared by the MedPay test bundles: a settable clock, OSGi service look-ups, scratch databases,
 * sales and codes, and the child-JVM plumbing of the fault harnesses. Test code only: in no feature and not in
 * the product. The imports that only some helpers need (JPA, EclipseLink, Config Admin, the domain packages)
 * are optional, so a test runtime without them still resolves this bundle.
 */
package org.medpay.testing;
