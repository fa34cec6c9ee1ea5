package io.solomo.decision.kie;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds small kjars in memory for tests: {@code kmodule.xml}, the Maven descriptors and DRL files. Their facts are
 * DRL {@code declare}d types, so no Java compiler is needed.
 */
final class TestKjars {

    /**
     * Declares the facts of the KIE documentation's command samples: {@code org.kie.server.testing.Person} (fullname,
     * age) with queries {@code persons} and {@code olderThan(int $age)} and globals {@code helper} (a Person) and
     * {@code names} (a java.util.List), {@code org.kie.server.testing.Order} (amount, a BigDecimal, and a property
     * of each other number type: quantity an int, count a long, total a Long, small a short, tiny a byte, big a
     * BigInteger, ratio a double, weight a float), and {@code org.drools.compiler.test.Person} (name, age) read from
     * entry point {@code my stream}. ksession {@code ksession1} is stateful and the default one, {@code stateless1} is
     * stateless.
     */
    static byte[] samplesKjar(String groupId, String artifactId, String version) {
        String testing = """
                package org.kie.server.testing;

                declare Person
                    fullname : String
                    age : int
                end

                declare Greeting
                    text : String
                end

                declare Order
                    amount : java.math.BigDecimal
                    quantity : int
                    count : long
                    total : Long
                    small : short
                    tiny : byte
                    big : java.math.BigInteger
                    ratio : double
                    weight : float
                end

                global Person helper;
                global java.util.List names;

                query persons
                    $person : Person()
                end

                query olderThan(int $age)
                    $person : Person(age > $age)
                end

                rule "Adults are greeted"
                when
                    $person : Person(age >= 18)
                then
                    insert(new Greeting("Hello " + $person.getFullname()));
                end
                """;
        String compilerTest = """
                package org.drools.compiler.test;

                declare Person
                    name : String
                    age : int
                end

                rule "A person arrives on my stream"
                when
                    Person(age > 100) from entry-point "my stream"
                then
                end
                """;
        String kmodule = """
                <?xml version="1.0" encoding="UTF-8"?>
                <kmodule xmlns="http://www.drools.org/xsd/kmodule">
                  <kbase name="samples" packages="org.kie.server.testing,org.drools.compiler.test" default="true">
                    <ksession name="ksession1" type="stateful" default="true"/>
                    <ksession name="stateless1" type="stateless" default="true"/>
                  </kbase>
                </kmodule>
                """;
        return kjar(groupId, artifactId, version, kmodule,
                "org/kie/server/testing/persons.drl", testing,
                "org/drools/compiler/test/stream.drl", compilerTest);
    }

    /** Builds a kjar from kmodule.xml and pairs of resource path and DRL text. */
    static byte[] kjar(String groupId, String artifactId, String version, String kmodule, String... drlFiles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            write(zip, "META-INF/kmodule.xml", kmodule);
            String maven = "META-INF/maven/" + groupId + "/" + artifactId + "/";
            write(zip, maven + "pom.properties", "groupId=" + groupId + "\nartifactId=" + artifactId
                    + "\nversion=" + version + "\n");
            write(zip, maven + "pom.xml", """
                    <project xmlns="http://maven.apache.org/POM/4.0.0">
                      <modelVersion>4.0.0</modelVersion>
                      <groupId>%s</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                    </project>
                    """.formatted(groupId, artifactId, version));
            for (int index = 0; index < drlFiles.length; index += 2) {
                write(zip, drlFiles[index], drlFiles[index + 1]);
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return bytes.toByteArray();
    }

    private static void write(ZipOutputStream zip, String path, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private TestKjars() {
    }
}
