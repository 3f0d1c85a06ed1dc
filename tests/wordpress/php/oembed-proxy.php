<?php
/**
 * php oembed-proxy.php <url> — what the block editor's Embed block receives for <url>: the REST
 * route GET /oembed/1.0/proxy (wp-includes/class-wp-oembed-controller.php), called as the
 * administrator, exactly as the editor's preview request would be. Prints the response as JSON.
 */
require __DIR__ . '/bootstrap.php';
require ABSPATH . 'wp-load.php';

wp_set_current_user( 1 );
$factbox_request = new WP_REST_Request( 'GET', '/oembed/1.0/proxy' );
$factbox_request->set_query_params( array( 'url' => $argv[1] ) );
$factbox_response = rest_do_request( $factbox_request );
echo wp_json_encode(
	array(
		'status' => $factbox_response->get_status(),
		'data'   => rest_get_server()->response_to_data( $factbox_response, false ),
	),
	JSON_UNESCAPED_SLASHES
), "\n";
