package io.solomo.decision;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The SoLoMo decision server: REST API, datamart, offer rules and the in-process Camel routes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SolomoApplication {

    public static void main(String[] args) {
        SpringApplication.run(SolomoApplication.class, args);
    }
}
