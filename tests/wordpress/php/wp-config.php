<?php
/**
 * wp-config.php of the throwaway test sites, symlinked into each site's docroot by run.ts in
 * place of Debian's /usr/share/wordpress/wp-config.php (which would read
 * /etc/wordpress/config-<host>.php). Everything site-specific comes from the environment.
 */
$factbox_env = static function ( string $name ): string {
	$value = getenv( $name );
	if ( false === $value || '' === $value ) {
		throw new RuntimeException( "wp-config.php: environment variable $name is not set" );
	}
	return $value;
};

define( 'DB_NAME', $factbox_env( 'FACTBOX_WP_DB_NAME' ) );
define( 'DB_USER', $factbox_env( 'FACTBOX_WP_DB_USER' ) );
define( 'DB_PASSWORD', $factbox_env( 'FACTBOX_WP_DB_PASSWORD' ) );
// MariaDB listens on a Unix socket only (skip-networking): "localhost:/path/to/socket".
define( 'DB_HOST', 'localhost:' . $factbox_env( 'FACTBOX_WP_DB_SOCKET' ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

define( 'WP_HOME', $factbox_env( 'FACTBOX_WP_HOME' ) );
define( 'WP_SITEURL', WP_HOME );
define( 'WP_CONTENT_DIR', ABSPATH . 'wp-content' );
define( 'WP_CONTENT_URL', WP_HOME . '/wp-content' );

// Read by the mu-plugins: the Factbox server under test.
define( 'FACTBOX_ORIGIN', $factbox_env( 'FACTBOX_ORIGIN' ) );

// Fixed throwaway salts: the site lives for one run.
foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE' ) as $factbox_salt ) {
	define( "{$factbox_salt}_KEY", "factbox-wordpress-test-$factbox_salt-key" );
	define( "{$factbox_salt}_SALT", "factbox-wordpress-test-$factbox_salt-salt" );
}

// No background requests of its own (cron, update checks) while the browser measures.
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );

// PHP notices go to a log file, never into the page.
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', $factbox_env( 'FACTBOX_WP_DEBUG_LOG' ) );
@ini_set( 'display_errors', '0' );

$table_prefix = 'wp_';

require_once ABSPATH . 'wp-settings.php';
