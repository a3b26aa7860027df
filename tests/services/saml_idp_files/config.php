<?php
/**
 * SimpleSAMLphp 1.19 configuration for the test identity provider.
 *
 * Kept in the repository; tests/services/saml_idp.py copies this folder to the run's temp dir and
 * writes runtime.json beside it (loopback URL, directories, secrets), so nothing here is specific
 * to one run or machine.
 */
$runtime = json_decode(file_get_contents(__DIR__ . '/runtime.json'), true);

$config = [
    'baseurlpath' => $runtime['baseurl'],
    'certdir' => $runtime['certdir'],
    'loggingdir' => $runtime['logdir'],
    'datadir' => $runtime['datadir'],
    'tempdir' => $runtime['tempdir'],
    'metadatadir' => __DIR__ . '/metadata/',
    'attributenamemapdir' => '/usr/share/simplesamlphp/attributemap/',
    'secretsalt' => $runtime['secretsalt'],
    'auth.adminpassword' => $runtime['adminpassword'],
    'technicalcontact_name' => 'Test IdP',
    'technicalcontact_email' => 'idp@example.gov.cn',
    'timezone' => 'Asia/Shanghai',

    'admin.protectindexpage' => false,
    'admin.protectmetadata' => false,
    'admin.checkforupdates' => false,
    // The SP's port is chosen later by the tests: trust any port on loopback (host:port regex).
    'trusted.url.domains' => $runtime['trusted_domains'],
    'trusted.url.regex' => true,
    'enable.http_post' => false,
    'assertion.allowed_clock_skew' => 180,

    'debug' => ['saml' => false, 'backtraces' => true, 'validatexml' => false],
    'showerrors' => true,
    'errorreporting' => false,

    'logging.level' => SimpleSAML\Logger::INFO,
    'logging.handler' => 'file',
    'logging.logfile' => 'simplesamlphp.log',

    'enable.saml20-idp' => true,
    'enable.shib13-idp' => false,
    'enable.adfs-idp' => false,

    'module.enable' => [
        'exampleauth' => true,
        'core' => true,
        'saml' => true,
        'admin' => true,
    ],

    'session.duration' => 8 * 60 * 60,
    'session.datastore.timeout' => 4 * 60 * 60,
    'session.state.timeout' => 60 * 60,
    'session.cookie.name' => 'SimpleSAMLSessionID',
    'session.cookie.lifetime' => 0,
    'session.cookie.path' => '/',
    'session.cookie.domain' => null,
    'session.cookie.secure' => false,
    'session.cookie.samesite' => null,
    'session.phpsession.cookiename' => 'SimpleSAML',
    'session.phpsession.savepath' => $runtime['tempdir'],
    'session.phpsession.httponly' => true,
    'session.authtoken.cookiename' => 'SimpleSAMLAuthToken',
    'store.type' => 'phpsession',

    'language.available' => ['en', 'zh'],
    'language.default' => 'en',
    'language.cookie.secure' => false,
    'language.cookie.samesite' => null,

    'theme.use' => 'default',
    'template.auto_reload' => true,
    'production' => false,
];
