package org.elasticsearch.node;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import gov.searchnode.CjkAnalysisPlugin;
import gov.searchnode.RootInfoPlugin;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One real Elasticsearch 8 node for the test command (tests/services/elasticsearch.py), built the
 * way the test framework's MockNode builds one, with no mocks: the server's NodeConstruction with a
 * plugins service that loads Netty (HTTP + transport), the Chinese analysis components that the
 * missing analysis-common module would provide, and the GET / handler of the missing rest-root
 * module. It is in this package because NodeConstruction and NodeServiceProvider are
 * package-private.
 *
 * Arguments are node settings, key=value (e.g. http.port=9201 path.home=/tmp/x). The process
 * prints "NODE STARTED" once the node is started and closes the node on SIGTERM.
 */
public class GovTestNode extends Node {
    static final Collection<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CjkAnalysisPlugin.class, RootInfoPlugin.class);

    GovTestNode(Environment environment) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader loader) {
                return new ClasspathPluginsService(env.settings(), env, PLUGINS);
            }
        }, true));
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null, () -> "node");
        final GovTestNode node;
        try {
            node = new GovTestNode(environment);
            node.start();
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            }
            closed.countDown();
        }));
        System.out.println("NODE STARTED");
        System.out.flush();
        closed.await();
    }
}
