<?php
/**
 * Shared by the php -S router and the CLI scripts: points WordPress at the throwaway site.
 *
 * The harness (run.ts) builds, per site, a docroot of symlinks to Debian's /usr/share/wordpress
 * with our own wp-config.php (php/wp-config.php) in place of Debian's, and passes everything
 * through environment variables. Defining ABSPATH as that docroot before wp-load.php runs makes
 * wp-load.php require *our* wp-config.php (it looks for ABSPATH . 'wp-config.php'), so Debian's
 * host lookup in /etc/wordpress/config-<host>.php is never consulted and no global file changes.
 */
$factbox_wp_root = getenv( 'FACTBOX_WP_ROOT' );
if ( ! $factbox_wp_root || ! is_file( $factbox_wp_root . '/wp-config.php' ) ) {
	fwrite( STDERR, "FACTBOX_WP_ROOT must name the site's docroot\n" );
	exit( 1 );
}
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', rtrim( $factbox_wp_root, '/' ) . '/' );
}

if ( 'cli' === PHP_SAPI ) {
	// What a web request would have set; WordPress reads these while loading.
	$factbox_home                = parse_url( getenv( 'FACTBOX_WP_HOME' ) );
	$_SERVER['HTTP_HOST']       = $factbox_home['host'] . ( isset( $factbox_home['port'] ) ? ':' . $factbox_home['port'] : '' );
	$_SERVER['SERVER_NAME']     = $factbox_home['host'];
	$_SERVER['SERVER_PORT']     = isset( $factbox_home['port'] ) ? (string) $factbox_home['port'] : '80';
	$_SERVER['REQUEST_URI']     = '/';
	$_SERVER['REQUEST_METHOD']  = 'GET';
	$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
}
