package dev.tuesday.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the jar was built as. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Tuesday.class.getPackage().getImplementationVersion();
        return new String[] {"tuesday " + (version == null ? "(development build)" : version),
                "Java " + Runtime.version()};
    }
}
