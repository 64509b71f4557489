package dev.tuesday.spring;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@link TestApplication} on Jetty instead of Tomcat (both are on the test classpath). */
@Configuration(proxyBeanMethods = false)
@Import(TestApplication.class)
class JettyTestApplication {

    @Bean
    JettyServletWebServerFactory jettyServletWebServerFactory() {
        return new JettyServletWebServerFactory();
    }
}
