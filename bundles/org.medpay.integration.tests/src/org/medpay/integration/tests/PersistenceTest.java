package org.medpay.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;
import org.medpay.persistence.DataArea;
import org.medpay.persistence.JpaProvider;

class PersistenceTest {

    @Test
    void jpaProviderIsPublishedByDsOnEmbeddedDerbyInTheDataArea() throws Exception {
        JpaProvider jpa = Services.await(JpaProvider.class);
        assertTrue(jpa.isEmbedded());
        String dataDir = System.getProperty(DataArea.PROPERTY);
        assertNotNull(dataDir, "tests run with an explicit data area");
        assertTrue(jpa.describeDatabase().startsWith("jdbc:derby:" + Path.of(dataDir).resolve("db").toAbsolutePath()),
                jpa.describeDatabase());
    }

    @Test
    void anEntityRoundTripsThroughDerbyAndSurvivesANewFactory() throws Exception {
        JpaProvider jpa = Services.await(JpaProvider.class);
        String id = UUID.randomUUID().toString();
        Instant created = Instant.parse("2026-11-26T09:26:00Z");
        EntityManagerFactory emf = jpa.createEntityManagerFactory("medpay.tests", PersistenceTest.class.getClassLoader());
        try {
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            em.persist(new ProbeRecord(id, "阿莫西林胶囊", 12_50L, created));
            em.getTransaction().commit();
            em.close();
        } finally {
            emf.close();
        }
        // A new factory cannot answer from the first one's cache: the row must come from Derby.
        EntityManagerFactory again = jpa.createEntityManagerFactory("medpay.tests", PersistenceTest.class.getClassLoader());
        try {
            EntityManager em = again.createEntityManager();
            ProbeRecord read = em.find(ProbeRecord.class, id);
            assertNotNull(read);
            assertEquals("阿莫西林胶囊", read.name());
            assertEquals(1250L, read.amountFen());
            assertEquals(created, read.createdAt());
            assertNull(em.find(ProbeRecord.class, "no-such-id"));
            em.close();
        } finally {
            again.close();
        }
        assertTrue(Files.isDirectory(Path.of(System.getProperty(DataArea.PROPERTY), "db")),
                "the schema was created in the data area on first use");
    }
}
