package org.medpay.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Config Admin PID {@code org.medpay.persistence}. An empty URL means the embedded Derby default in the
 * data area; a chain's central database is another URL, driver and account here and nothing else.
 */
@ObjectClassDefinition(name = "MedPay database", description = "Where the workstation stores its data")
public @interface DatabaseConfig {

    @AttributeDefinition(description = "JDBC URL; empty = embedded Derby in the user's data area")
    String url() default "";

    @AttributeDefinition(description = "JDBC driver class")
    String driver() default "org.apache.derby.jdbc.EmbeddedDriver";

    String user() default "";

    @AttributeDefinition(name = ".password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(description = "EclipseLink DDL generation: create-or-extend-tables, none")
    String ddlGeneration() default "create-or-extend-tables";

    int poolMax() default 8;
}
