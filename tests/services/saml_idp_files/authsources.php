<?php
/**
 * Test users of the identity provider. The users live in users.json (written by the test service
 * from users.default.json, rewritten by tests that change someone's roles between two logins).
 */
$users = json_decode(file_get_contents(__DIR__ . '/users.json'), true);

$config = [
    'admin' => ['core:AdminPassword'],
    'gov-users' => array_merge(['exampleauth:UserPass'], $users),
];
