package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import java.lang.reflect.Constructor;
import picocli.CommandLine.IFactory;
import picocli.CommandLine;

/**
 * Creates the subcommands, handing the {@link UpdaterContext} to those that take one, so tests can run
 * the real command line against an injected platform, clock or boot id.
 */
final class ContextFactory implements IFactory {

    private final UpdaterContext ctx;

    ContextFactory(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == UpdaterContext.class) {
                return cls.cast(c.newInstance(ctx));
            }
        }
        return CommandLine.defaultFactory().create(cls);
    }
}
