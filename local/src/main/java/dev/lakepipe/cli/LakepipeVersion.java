package dev.lakepipe.cli;

import picocli.CommandLine.IVersionProvider;

final class LakepipeVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        var version = LakepipeCli.class.getPackage().getImplementationVersion();
        return new String[] {"lakepipe " + (version == null ? "development build" : version)};
    }
}
