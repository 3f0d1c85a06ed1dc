<?php
/**
 * Router for `php -S 127.0.0.1:PORT -t <docroot> router.php`.
 *
 * Static files (CSS, JS, fonts, images) are served by the built-in server as they are; PHP files
 * and every other path run with ABSPATH defined first (see bootstrap.php). Unknown paths go to
 * index.php, as Apache's rewrite rules would.
 */
require __DIR__ . '/bootstrap.php';

$factbox_path = urldecode( parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) ?? '/' );
if ( str_contains( $factbox_path, '..' ) ) {
	http_response_code( 400 );
	return true;
}
$factbox_file = ABSPATH . ltrim( $factbox_path, '/' );
if ( is_dir( $factbox_file ) ) {
	$factbox_file = rtrim( $factbox_file, '/' ) . '/index.php';
}
if ( is_file( $factbox_file ) && ! str_ends_with( $factbox_file, '.php' ) ) {
	return false; // A static file: the built-in server sends it with its MIME type.
}
if ( ! is_file( $factbox_file ) ) {
	$factbox_file = ABSPATH . 'index.php';
}

// Run the script the way a web server would: its own directory, its own SCRIPT_* variables.
$_SERVER['SCRIPT_FILENAME'] = $factbox_file;
$_SERVER['SCRIPT_NAME']     = '/' . substr( $factbox_file, strlen( ABSPATH ) );
$_SERVER['PHP_SELF']        = $_SERVER['SCRIPT_NAME'];
chdir( dirname( $factbox_file ) );
unset( $factbox_path );
require $factbox_file;
