<?php
/**
 * Service providers known to the IdP. They are read from sp-remote.json in this folder, which the
 * tests write once they know the SP's URLs (the live server's port) and rewrite for variants such
 * as a SHA-1 signature algorithm. PHP runs with opcache off, so a rewrite takes effect at once.
 */
$file = __DIR__ . '/sp-remote.json';
if (is_file($file)) {
    foreach (json_decode(file_get_contents($file), true) as $entityId => $entry) {
        $metadata[$entityId] = $entry;
    }
}
