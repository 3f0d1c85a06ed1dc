<?php
/**
 * php publish.php <posts.json> — publishes posts the way an editor's save would store them.
 *
 * posts.json: [{"key": "...", "title": "...", "content": "...", "role": "administrator"|"author"}]
 * Each post is inserted with wp_insert_post() while a user of that role is the current user, so
 * kses applies exactly as when that user saves: administrators and editors have unfiltered_html
 * (content stored as is); authors and contributors get wp_filter_post_kses on content_save_pre.
 * Prints {"<key>": {"id": ..., "url": ..., "stored": "<post_content as stored>"}} as JSON.
 */
require __DIR__ . '/bootstrap.php';
require ABSPATH . 'wp-load.php';

$factbox_posts = json_decode( file_get_contents( $argv[1] ), true );
if ( ! is_array( $factbox_posts ) ) {
	fwrite( STDERR, "publish.php: cannot read {$argv[1]}\n" );
	exit( 1 );
}

/** The first user of $role, created if there is none. */
function factbox_test_user( $role ) {
	$users = get_users( array( 'role' => $role, 'number' => 1, 'fields' => 'ID' ) );
	if ( $users ) {
		return (int) $users[0];
	}
	$id = wp_insert_user(
		array(
			'user_login' => "test-$role",
			'user_email' => "$role@example.invalid",
			'user_pass'  => wp_generate_password( 20 ),
			'role'       => $role,
		)
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, "publish.php: cannot create a $role: " . $id->get_error_message() . "\n" );
		exit( 1 );
	}
	return $id;
}

$factbox_out = array();
foreach ( $factbox_posts as $factbox_post ) {
	$factbox_user = factbox_test_user( $factbox_post['role'] ?? 'administrator' );
	wp_set_current_user( $factbox_user ); // Runs kses_init() for this user's capabilities.
	// wp_insert_post() expects slashed input, as from a form or the REST API.
	$factbox_id = wp_insert_post(
		wp_slash( array(
			'post_title'   => $factbox_post['title'],
			'post_content' => $factbox_post['content'],
			'post_status'  => 'publish',
			'post_author'  => $factbox_user,
		) ),
		true
	);
	if ( is_wp_error( $factbox_id ) ) {
		fwrite( STDERR, "publish.php: {$factbox_post['key']}: " . $factbox_id->get_error_message() . "\n" );
		exit( 1 );
	}
	$factbox_out[ $factbox_post['key'] ] = array(
		'id'     => $factbox_id,
		'url'    => get_permalink( $factbox_id ),
		'stored' => get_post( $factbox_id )->post_content,
	);
}
echo wp_json_encode( $factbox_out, JSON_UNESCAPED_SLASHES ), "\n";
