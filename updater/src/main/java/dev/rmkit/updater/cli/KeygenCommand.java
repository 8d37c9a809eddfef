package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.publish.KeyGenerator;
import dev.rmkit.updater.install.StateJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater keygen --out PREFIX}. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Creates an Ed25519 signing key pair: PREFIX.key (private, mode 0600) and PREFIX.pub.")
public final class KeygenCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "Writes PREFIX.key and PREFIX.pub; never overwrites.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object: keyId, privateKey, publicKey.")
    boolean json;

    @Override
    public Integer call() throws UpdateException {
        KeyGenerator.Generated g = KeyGenerator.generate(out);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("keyId", g.keyId());
            o.put("privateKey", g.privateKey().toString());
            o.put("publicKey", g.publicKey().toString());
            spec.commandLine().getOut().println(StateJson.line(o));
        } else {
            spec.commandLine().getOut().printf("key id %s%nprivate key %s (keep it secret)%npublic key %s (give it to installs: --trust)%n",
                    g.keyId(), g.privateKey(), g.publicKey());
        }
        return 0;
    }
}
