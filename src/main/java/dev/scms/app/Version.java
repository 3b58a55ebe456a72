package dev.scms.app;

import picocli.CommandLine.IVersionProvider;

/** The program version, read from the jar's manifest. */
final class Version implements IVersionProvider {

    static String current() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"scms " + current()};
    }
}
