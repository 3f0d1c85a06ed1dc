<?php
/**
 * php install.php — installs WordPress into the (empty) database of the site named by the
 * environment (see bootstrap.php), as the web installer would, without HTTP.
 * Prints {"admin": <user id>} as JSON.
 */
require __DIR__ . '/bootstrap.php';
define( 'WP_INSTALLING', true );

// There is no mail server: skip the "your new site" email (pluggable in wp-admin/includes/upgrade.php).
function wp_new_blog_notification() {}

require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// wp_install() probes pretty permalinks by requesting the site over HTTP; keep the install offline
// (plain ?p=ID permalinks result, which is all the harness needs).
add_filter(
	'pre_http_request',
	static function () {
		return new WP_Error( 'factbox_test_offline', 'No HTTP requests during the test install.' );
	}
);

$factbox_result = wp_install( 'Factbox WordPress test', 'admin', 'admin@example.invalid', false, '', wp_generate_password( 20 ) );
if ( is_wp_error( $factbox_result ) || empty( $factbox_result['user_id'] ) ) {
	fwrite( STDERR, 'wp_install failed: ' . print_r( $factbox_result, true ) . "\n" );
	exit( 1 );
}
echo wp_json_encode( array( 'admin' => (int) $factbox_result['user_id'] ) ), "\n";
