<?php
/**
 * Plugin Name: Factbox as a trusted oEmbed provider (the README's snippet)
 * Description: Installed only on the "trusted" test site. FACTBOX_ORIGIN stands for
 *              https://factbox.example.com in the README.
 */
add_action( 'init', function () {
	wp_oembed_add_provider( FACTBOX_ORIGIN . '/f/*', FACTBOX_ORIGIN . '/oembed' );
	wp_oembed_add_provider( FACTBOX_ORIGIN . '/embed/*', FACTBOX_ORIGIN . '/oembed' );
} );
