<?php
/**
 * Plugin Name: Factbox test site: let the HTTP API reach the Factbox server
 * Description: WordPress's safe HTTP requests (oEmbed discovery and fetch use wp_safe_remote_get)
 *              refuse local hosts and ports other than 80, 443 and 8080 (wp_http_validate_url in
 *              wp-includes/http.php). This allows exactly FACTBOX_ORIGIN's host *and* port; every
 *              other URL is judged as before.
 */

/** True when $url is on FACTBOX_ORIGIN's scheme, host and port. */
function factbox_test_is_factbox_url( $url ) {
	$factbox = wp_parse_url( FACTBOX_ORIGIN );
	$target  = wp_parse_url( $url );
	if ( ! $factbox || ! $target || empty( $target['host'] ) || empty( $target['scheme'] ) ) {
		return false;
	}
	$default_port = static function ( $parts ) {
		return isset( $parts['port'] ) ? (int) $parts['port'] : ( 'https' === strtolower( $parts['scheme'] ) ? 443 : 80 );
	};
	return strtolower( $target['scheme'] ) === strtolower( $factbox['scheme'] )
		&& strtolower( $target['host'] ) === strtolower( $factbox['host'] )
		&& $default_port( $target ) === $default_port( $factbox );
}

// Consulted only for hosts that resolve to 127/8, 10/8, 172.16/12, 192.168/16 or 0/8.
add_filter(
	'http_request_host_is_external',
	static function ( $is_external, $host, $url ) {
		return $is_external || factbox_test_is_factbox_url( $url );
	},
	10,
	3
);

// Consulted for every URL with an explicit port.
add_filter(
	'http_allowed_safe_ports',
	static function ( $ports, $host, $url ) {
		if ( factbox_test_is_factbox_url( $url ) ) {
			$ports[] = (int) wp_parse_url( $url, PHP_URL_PORT );
		}
		return $ports;
	},
	10,
	3
);
